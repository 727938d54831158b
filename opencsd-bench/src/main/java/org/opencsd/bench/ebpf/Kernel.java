package org.opencsd.bench.ebpf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The benchmark kernels: each names its object (compiled by the build from
 * {@code kernels/bench/NAME.c}) and implements the same computation in plain Java, reading the
 * input as the C code does. Stateless; thread-safe.
 */
public enum Kernel {
    /** Sum of u64 words. */
    SUM_U64("sum_u64") {
        @Override
        public long java(byte[] in) {
            ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
            long sum = 0;
            for (int i = 0; i + 8 <= in.length; i += 8) sum += b.getLong(i);
            return sum;
        }
    },
    /** Count of u32 values above 0x7fffffff. */
    FILTER_COUNT_U32("filter_count_u32") {
        @Override
        public long java(byte[] in) {
            ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
            long count = 0;
            for (int i = 0; i + 4 <= in.length; i += 4) {
                if (Integer.toUnsignedLong(b.getInt(i)) > 0x7fffffffL) count++;
            }
            return count;
        }
    },
    /** 64-bit FNV-1a. */
    FNV1A("fnv1a") {
        @Override
        public long java(byte[] in) {
            long h = 0xcbf29ce484222325L;
            for (byte x : in) {
                h ^= x & 0xff;
                h *= 0x100000001b3L;
            }
            return h;
        }
    },
    /** Byte histogram, folded to sum(i * count[i]^2). */
    BYTE_HISTOGRAM("byte_histogram") {
        @Override
        public long java(byte[] in) {
            long[] counts = new long[256];
            for (byte x : in) counts[x & 0xff]++;
            long r = 0;
            for (int i = 0; i < 256; i++) r += i * counts[i] * counts[i];
            return r;
        }
    };

    private final String object;

    Kernel(String object) {
        this.object = object;
    }

    /** The same computation as the eBPF kernel, in plain Java. */
    public abstract long java(byte[] input);

    /** The kernel's compiled object, from the classpath ({@code /kernels/NAME.o}). */
    public byte[] elf() {
        try (InputStream in = Kernel.class.getResourceAsStream("/kernels/" + object + ".o")) {
            if (in == null) throw new IllegalStateException("kernel object /kernels/" + object + ".o not built");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
