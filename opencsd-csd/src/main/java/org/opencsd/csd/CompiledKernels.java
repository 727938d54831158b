package org.opencsd.csd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.Program;

/**
 * The device's cache of verified, built programs, keyed by the ELF object's SHA-256, the load
 * options and the instruction limit: loading the same object again (a filesystem attaches the
 * same kernel file for every reader) reuses the engine built the first time, so the JIT's code,
 * already compiled further by HotSpot, runs at full speed from the first execution. Engines are
 * shared by all slots holding them, as one slot's engine is by all its executions (they are
 * thread-safe). Holds at most {@value #CAPACITY} entries, least recently used dropped first.
 *
 * <p>Thread-safe: one monitor guards the table; building happens outside it (two concurrent
 * loads of a new object may both build it, and one result is kept).
 */
final class CompiledKernels {
    /** Entries kept. */
    static final int CAPACITY = 32;

    /** A verified program and the engine built for it. */
    record Built(Program program, ExecutionEngine engine) {}

    /** What makes two loads the same: the object's bytes (by digest), the options, the instruction limit. */
    record Key(String sha256, ProgramOptions options, long maxInstructions) {}

    private final Map<Key, Built> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Built> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The cache key of an object loaded with {@code options} under {@code maxInstructions}. */
    static Key key(byte[] elf, ProgramOptions options, long maxInstructions) {
        return new Key(sha256(elf), options, maxInstructions);
    }

    /** The entry built earlier for {@code key}, or null. */
    synchronized Built get(Key key) {
        return entries.get(key);
    }

    /** Keeps {@code built} for {@code key}. */
    synchronized void put(Key key, Built built) {
        entries.put(key, built);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
