package org.opencsd.csd;

import java.time.Duration;
import java.util.Objects;

/**
 * What one execution may use. Exceeding a limit fails the execution with the named
 * {@link CsdError}. Immutable.
 *
 * @param maxInstructions  instruction budget ({@link CsdError#INSTRUCTION_LIMIT}); 0 = unlimited
 * @param maxMemoryBytes   device memory of one execution: call context + heap + parameter data
 *                         ({@link CsdError#MEMORY_LIMIT}); at most {@value #MAX_REGION_BYTES}
 * @param defaultHeapBytes heap given to a request that does not ask for a size
 * @param maxReturnBytes   bytes one {@code bpf_return_data} may return ({@link CsdError#RETURN_DATA_LIMIT})
 * @param wallTime         time from submission to completion ({@link CsdError#WALL_TIME_LIMIT})
 * @param maxDebugBytes    longest string {@code bpf_debug} logs (longer ones are cut)
 * @param maxDebugMessages messages kept per execution (later ones are counted, not kept)
 */
public record ExecutionLimits(long maxInstructions, long maxMemoryBytes, int defaultHeapBytes, int maxReturnBytes,
                              Duration wallTime, int maxDebugBytes, int maxDebugMessages) {
    /** Largest region a kernel's memory can be: the VM addresses 32-bit offsets, arrays are int-indexed. */
    public static final long MAX_REGION_BYTES = Integer.MAX_VALUE - 8;

    /**
     * The defaults: 10^10 instructions (a byte histogram of 1 GiB needs about 6 * 10^9), 64 MiB
     * of memory, a 1 MiB heap (the original's), 16 MiB of return data, 60 s, 256-byte debug
     * strings, 64 debug messages.
     */
    public static final ExecutionLimits DEFAULTS = new ExecutionLimits(10_000_000_000L, 64L << 20, 1 << 20,
            16 << 20, Duration.ofSeconds(60), 256, 64);

    public ExecutionLimits {
        Objects.requireNonNull(wallTime, "wallTime");
        if (maxInstructions < 0) throw new IllegalArgumentException("maxInstructions must be >= 0: " + maxInstructions);
        if (maxMemoryBytes < 1 || maxMemoryBytes > MAX_REGION_BYTES) {
            throw new IllegalArgumentException("maxMemoryBytes must be 1.." + MAX_REGION_BYTES + ": " + maxMemoryBytes);
        }
        if (defaultHeapBytes < 0) throw new IllegalArgumentException("defaultHeapBytes must be >= 0: " + defaultHeapBytes);
        if (maxReturnBytes < 0) throw new IllegalArgumentException("maxReturnBytes must be >= 0: " + maxReturnBytes);
        if (wallTime.isNegative() || wallTime.isZero()) throw new IllegalArgumentException("wallTime must be positive: " + wallTime);
        if (maxDebugBytes < 1 || maxDebugMessages < 0) throw new IllegalArgumentException("debug limits must be positive");
    }

    public ExecutionLimits withMaxInstructions(long n) {
        return new ExecutionLimits(n, maxMemoryBytes, defaultHeapBytes, maxReturnBytes, wallTime, maxDebugBytes, maxDebugMessages);
    }

    public ExecutionLimits withMaxMemoryBytes(long n) {
        return new ExecutionLimits(maxInstructions, n, defaultHeapBytes, maxReturnBytes, wallTime, maxDebugBytes, maxDebugMessages);
    }

    public ExecutionLimits withDefaultHeapBytes(int n) {
        return new ExecutionLimits(maxInstructions, maxMemoryBytes, n, maxReturnBytes, wallTime, maxDebugBytes, maxDebugMessages);
    }

    public ExecutionLimits withMaxReturnBytes(int n) {
        return new ExecutionLimits(maxInstructions, maxMemoryBytes, defaultHeapBytes, n, wallTime, maxDebugBytes, maxDebugMessages);
    }

    public ExecutionLimits withWallTime(Duration d) {
        return new ExecutionLimits(maxInstructions, maxMemoryBytes, defaultHeapBytes, maxReturnBytes, d, maxDebugBytes, maxDebugMessages);
    }
}
