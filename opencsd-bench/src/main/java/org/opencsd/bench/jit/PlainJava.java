package org.opencsd.bench.jit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Plain-Java versions of the kernels added for the JIT benchmark, computing exactly what
 * {@code kernels/bench/bloom_probe.c} and {@code kernels/bench/crc32c_4k.c} compute, reading the
 * input as the C code does. Stateless; thread-safe.
 */
final class PlainJava {
    private static final int[] CRC32C_TABLE = crc32cTable();

    private PlainJava() {}

    /** Bloom-filter probe over the input's u64 keys (see {@code bloom_probe.c}). */
    static long bloomProbe(byte[] in) {
        long[] filter = new long[1024];
        for (int i = 0; i < filter.length; i++) filter[i] = (i + 1) * 0x9e3779b97f4a7c15L;
        ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        long hits = 0;
        for (int i = 0; i + 8 <= in.length; i += 8) {
            long h = b.getLong(i) * 0xff51afd7ed558ccdL;
            long x = h & 0xffff;
            long y = (h >>> 21) & 0xffff;
            long z = (h >>> 42) & 0xffff;
            long bits = (filter[(int) (x >>> 6)] >>> x) & (filter[(int) (y >>> 6)] >>> y) & (filter[(int) (z >>> 6)] >>> z);
            hits += bits & 1;
        }
        return hits;
    }

    /** CRC32C of every 4 KiB block, folded as {@code r = r * 31 + crc} (see {@code crc32c_4k.c}). */
    static long crc32cBlocks(byte[] in) {
        long r = 0;
        for (int block = 0; block + 4096 <= in.length; block += 4096) {
            int crc = 0xffffffff;
            for (int i = block; i < block + 4096; i++) crc = CRC32C_TABLE[(crc ^ in[i]) & 0xff] ^ (crc >>> 8);
            r = r * 31 + Integer.toUnsignedLong(~crc);
        }
        return r;
    }

    private static int[] crc32cTable() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
            t[i] = c;
        }
        return t;
    }
}
