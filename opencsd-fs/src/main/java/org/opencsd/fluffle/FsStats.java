package org.opencsd.fluffle;

/**
 * Counters since mount, for write amplification and the garbage collector's work.
 *
 * @param userBytesWritten    bytes applications asked to write
 * @param deviceBytesWritten  bytes written to the device (data, relocations, metadata)
 * @param metadataBytesWritten bytes of metadata log commits and checkpoints
 * @param gcBlocksMoved       blocks relocated by the garbage collector
 * @param zonesReclaimed      zones the garbage collector reset
 * @param checkpoints         checkpoints written
 * @param freeZones           data zones free now
 *
 * <p>Immutable.
 */
public record FsStats(long userBytesWritten, long deviceBytesWritten, long metadataBytesWritten,
                      long gcBlocksMoved, long zonesReclaimed, long checkpoints, int freeZones) {
    /** Device bytes written per application byte (NaN before any write). */
    public double writeAmplification() {
        return userBytesWritten == 0 ? Double.NaN : (double) deviceBytesWritten / userBytesWritten;
    }
}
