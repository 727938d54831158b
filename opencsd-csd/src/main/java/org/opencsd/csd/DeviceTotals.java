package org.opencsd.csd;

/**
 * The device's accounting since it was created, summed over all executions. Immutable; a snapshot
 * taken while executions run is not one instant, each figure being exact as of its own read.
 *
 * @param executions     executions that completed
 * @param failures       executions that failed (any {@link CsdError})
 * @param bytesRead      bytes kernels read inside the device
 * @param bytesWritten   bytes kernels appended
 * @param bytesReturned  bytes returned to the host
 * @param bytesCopied    bytes copied from LBAs into device memory ({@code copyToMemory})
 * @param instructions   instructions executed by completed executions
 * @param nanos          wall time of completed executions, summed
 */
public record DeviceTotals(long executions, long failures, long bytesRead, long bytesWritten, long bytesReturned,
                           long bytesCopied, long instructions, long nanos) {
    /** Bytes kept inside the device per byte returned to the host (reads / returns); 0 when nothing returned. */
    public double reduction() {
        return bytesReturned == 0 ? 0 : (double) bytesRead / bytesReturned;
    }
}
