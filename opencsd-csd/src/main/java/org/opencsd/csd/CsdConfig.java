package org.opencsd.csd;

import java.util.Objects;

/**
 * The shape of a computational storage device. Immutable.
 *
 * @param slots        number of program slots
 * @param parallelism  executions that run at once (worker threads of the device's pool)
 * @param queueDepth   executions that may wait for a worker; more fail with {@link CsdError#DEVICE_BUSY}
 * @param memoryBytes  the device memory pool, shared by executions and allocated memory ranges
 * @param limits       the limits of each execution
 */
public record CsdConfig(int slots, int parallelism, int queueDepth, long memoryBytes, ExecutionLimits limits) {
    /** 16 slots, one worker per processor (at least 2), 1024 queued, 512 MiB of memory, default limits. */
    public static final CsdConfig DEFAULTS = new CsdConfig(16, Math.max(2, Runtime.getRuntime().availableProcessors()),
            1024, 512L << 20, ExecutionLimits.DEFAULTS);

    public CsdConfig {
        Objects.requireNonNull(limits, "limits");
        if (slots < 1) throw new IllegalArgumentException("slots must be >= 1: " + slots);
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1: " + parallelism);
        if (queueDepth < 1) throw new IllegalArgumentException("queueDepth must be >= 1: " + queueDepth);
        if (memoryBytes < DeviceMemory.PAGE || memoryBytes / DeviceMemory.PAGE > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("memoryBytes must be 4 KiB to 8 TiB: " + memoryBytes);
        }
    }

    public CsdConfig withLimits(ExecutionLimits l) {
        return new CsdConfig(slots, parallelism, queueDepth, memoryBytes, l);
    }

    public CsdConfig withSlots(int n) {
        return new CsdConfig(n, parallelism, queueDepth, memoryBytes, limits);
    }

    public CsdConfig withParallelism(int n) {
        return new CsdConfig(slots, n, queueDepth, memoryBytes, limits);
    }

    public CsdConfig withMemoryBytes(long n) {
        return new CsdConfig(slots, parallelism, queueDepth, n, limits);
    }

    public CsdConfig withQueueDepth(int n) {
        return new CsdConfig(slots, parallelism, n, memoryBytes, limits);
    }
}
