package org.opencsd.zns;

import java.nio.ByteBuffer;

/**
 * Where a {@link ZonedNamespace} keeps its data and its zone states. Offsets are bytes from the
 * start of the namespace.
 *
 * <p>Thread-safety: callers guarantee that data of one zone and the record of one zone are
 * written by one thread at a time (the zone's lock); different zones are written concurrently,
 * and reads may run at any time. I/O failures surface as {@link java.io.UncheckedIOException}.
 */
sealed interface Backend extends AutoCloseable permits MemoryBackend, FileBackend {
    /** The state every zone had when the backend was opened. */
    ZoneRecord load(int zone);

    /** Persists {@code record} as zone {@code zone}'s state; must not block on other zones. */
    void store(int zone, ZoneRecord record);

    /** Writes all of {@code src} at {@code offset}. */
    void write(long offset, ByteBuffer src);

    /** Fills all of {@code dst} from {@code offset}; bytes never written read as zeroes. */
    void read(long offset, ByteBuffer dst);

    /** Makes {@code length} bytes from {@code offset} read as zeroes. */
    void zero(long offset, long length);

    /** Forces data and zone states to stable storage. */
    void flush();

    /** Releases the backend (and any lock); states already stored stay stored. */
    @Override
    void close();
}
