package org.opencsd.ebpf;

/**
 * Execution limits and sizes. Immutable.
 *
 * @param maxInstructions instruction budget per execution; {@code 0} means unlimited
 * @param heapSize bytes of zeroed {@link Region#HEAP} per execution; {@code 0} maps no heap
 */
public record VmOptions(long maxInstructions, int heapSize) {
    /**
     * Default budget: one billion instructions, enough for a storage kernel spending ~60
     * instructions per byte of a 16 MiB block (the bench kernels need 1-12), yet a runaway loop
     * stops within seconds in the interpreter and far sooner compiled.
     */
    public static final long DEFAULT_MAX_INSTRUCTIONS = 1_000_000_000L;

    /** The defaults: {@link #DEFAULT_MAX_INSTRUCTIONS}, no heap. */
    public static final VmOptions DEFAULTS = new VmOptions(DEFAULT_MAX_INSTRUCTIONS, 0);

    public VmOptions {
        if (maxInstructions < 0) throw new IllegalArgumentException("maxInstructions must be >= 0: " + maxInstructions);
        if (heapSize < 0) throw new IllegalArgumentException("heapSize must be >= 0: " + heapSize);
    }

    /** Copy with another instruction budget ({@code 0}: unlimited). */
    public VmOptions withMaxInstructions(long n) {
        return new VmOptions(n, heapSize);
    }

    /** Copy with another heap size. */
    public VmOptions withHeapSize(int bytes) {
        return new VmOptions(maxInstructions, bytes);
    }

    /** The budget as a count to decrement: unlimited becomes {@link Long#MAX_VALUE}. */
    public long effectiveBudget() {
        return maxInstructions == 0 ? Long.MAX_VALUE : maxInstructions;
    }
}
