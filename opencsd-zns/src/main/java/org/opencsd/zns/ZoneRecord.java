package org.opencsd.zns;

/**
 * The persistent state of one zone, as a backend stores it.
 *
 * @param state      the zone state
 * @param written    LBAs written from the zone start (the write pointer's offset; kept for Full
 *                   and Read Only zones so their data stays readable)
 * @param highWater  LBAs from the zone start that may hold data on the medium, {@code >= written}:
 *                   raised before data is written, so that a reset knows what to zero even after
 *                   a crash left data beyond the write pointer
 * @param openAge    order of implicit opening (smaller = older); 0 when not implicitly opened
 * @param attributes ZA (bit 7: descriptor extension valid)
 * @param extension  the descriptor extension bytes when valid, else empty
 *
 * <p>Immutable; the extension array is not copied (package-private, callers do not mutate it).
 */
record ZoneRecord(ZoneState state, long written, long highWater, long openAge, int attributes,
                  byte[] extension) {
    static final byte[] NO_EXTENSION = new byte[0];

    /** A zone just created or reset. */
    static ZoneRecord empty() {
        return new ZoneRecord(ZoneState.EMPTY, 0, 0, 0, 0, NO_EXTENSION);
    }

    boolean extensionValid() {
        return (attributes & ZoneDescriptor.ATTR_EXTENSION_VALID) != 0;
    }
}
