package org.opencsd.zns;

/** The deterministic content of every LBA in the crash tests: a function of the LBA alone. */
final class Pattern {
    private Pattern() {}

    static byte at(long lba, int offset) {
        long x = lba * 0x9E3779B97F4A7C15L + offset * 0xBF58476D1CE4E5B9L;
        return (byte) (x ^ (x >>> 29) ^ (x >>> 47));
    }

    /** The content of {@code blocks} LBAs from {@code lba}. */
    static byte[] of(long lba, int blocks, int lbaSize) {
        byte[] b = new byte[blocks * lbaSize];
        for (int i = 0; i < b.length; i++) b[i] = at(lba + i / lbaSize, i % lbaSize);
        return b;
    }
}
