package org.opencsd.bench.jit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.ToLongFunction;

import org.opencsd.bench.ebpf.Kernel;

/**
 * The kernels of the JIT benchmark: the interpreter benchmark's four ({@link Kernel}) plus a
 * bloom-filter probe and CRC32C per 4 KiB block. Each names its clang-compiled object (built
 * from {@code kernels/bench/NAME.c}) and its plain-Java twin. Stateless; thread-safe.
 */
public enum JitKernel {
    SUM_U64("sum_u64", Kernel.SUM_U64::java),
    FILTER_COUNT_U32("filter_count_u32", Kernel.FILTER_COUNT_U32::java),
    FNV1A("fnv1a", Kernel.FNV1A::java),
    BYTE_HISTOGRAM("byte_histogram", Kernel.BYTE_HISTOGRAM::java),
    BLOOM_PROBE("bloom_probe", PlainJava::bloomProbe),
    CRC32C_4K("crc32c_4k", PlainJava::crc32cBlocks);

    private final String object;
    private final ToLongFunction<byte[]> java;

    JitKernel(String object, ToLongFunction<byte[]> java) {
        this.object = object;
        this.java = java;
    }

    /** The same computation in plain Java. */
    public long java(byte[] input) {
        return java.applyAsLong(input);
    }

    /** The compiled object, from the classpath ({@code /kernels/NAME.o}). */
    public byte[] elf() {
        try (InputStream in = JitKernel.class.getResourceAsStream("/kernels/" + object + ".o")) {
            if (in == null) throw new IllegalStateException("kernel object /kernels/" + object + ".o not built");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
