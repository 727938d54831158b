package org.opencsd.csd;

/**
 * A run of {@code count} consecutive LBAs starting at {@code first}, with the access an execution
 * is granted to it. Immutable.
 *
 * @param first first LBA, {@code >= 0}
 * @param count number of LBAs, {@code >= 1}
 * @param access what a kernel may do there
 */
public record LbaRange(long first, long count, Access access) {
    /** What a kernel may do in a granted range. */
    public enum Access {
        /** {@code bpf_read} only. */
        READ,
        /** {@code bpf_read}, and {@code bpf_write} (zone append) to zones granted whole. */
        READ_WRITE
    }

    public LbaRange {
        if (first < 0) throw new IllegalArgumentException("first LBA must be >= 0: " + first);
        if (count < 1) throw new IllegalArgumentException("LBA count must be >= 1: " + count);
        if (first > Long.MAX_VALUE - count) throw new IllegalArgumentException("LBA range overflows: " + first + "+" + count);
        java.util.Objects.requireNonNull(access, "access");
    }

    /** A read-only range of {@code count} LBAs from {@code first}. */
    public static LbaRange read(long first, long count) {
        return new LbaRange(first, count, Access.READ);
    }

    /** One past the last LBA. */
    public long end() {
        return first + count;
    }

    @Override
    public String toString() {
        return first + "-" + (end() - 1) + (access == Access.READ_WRITE ? " (rw)" : "");
    }
}
