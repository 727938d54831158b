package org.opencsd.zns;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A namespace held in memory, in 1 MiB chunks allocated on first write, so a large sparse
 * namespace costs only what is written. Zone states live in the {@link ZonedNamespace} alone.
 *
 * <p>Thread-safe under the {@link Backend} contract: chunks are published with compare-and-set,
 * so writers of two zones sharing a chunk cannot lose each other's allocation.
 */
final class MemoryBackend implements Backend {
    private static final int CHUNK_SHIFT = 20;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final AtomicReferenceArray<byte[]> chunks;

    MemoryBackend(ZoneGeometry geometry) {
        long n = (geometry.totalBytes() + CHUNK - 1) >>> CHUNK_SHIFT;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("namespace too large for memory");
        chunks = new AtomicReferenceArray<>((int) n);
    }

    @Override
    public ZoneRecord load(int zone) {
        return ZoneRecord.empty();
    }

    @Override
    public void store(int zone, ZoneRecord record) {
        // memory only: the namespace's own fields are the state
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        while (src.hasRemaining()) {
            int index = (int) (offset >>> CHUNK_SHIFT);
            int at = (int) (offset & (CHUNK - 1));
            int n = Math.min(src.remaining(), CHUNK - at);
            src.get(chunk(index), at, n);
            offset += n;
        }
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        while (dst.hasRemaining()) {
            int index = (int) (offset >>> CHUNK_SHIFT);
            int at = (int) (offset & (CHUNK - 1));
            int n = Math.min(dst.remaining(), CHUNK - at);
            byte[] c = chunks.get(index);
            if (c == null) {
                ZonedNamespace.zeroFill(dst, n);
            } else {
                dst.put(c, at, n);
            }
            offset += n;
        }
    }

    @Override
    public void zero(long offset, long length) {
        long end = offset + length;
        while (offset < end) {
            int index = (int) (offset >>> CHUNK_SHIFT);
            int at = (int) (offset & (CHUNK - 1));
            int n = (int) Math.min(end - offset, CHUNK - at);
            byte[] c = chunks.get(index);
            if (c != null) Arrays.fill(c, at, at + n, (byte) 0);
            offset += n;
        }
    }

    private byte[] chunk(int index) {
        byte[] c = chunks.get(index);
        if (c != null) return c;
        chunks.compareAndSet(index, null, new byte[CHUNK]);
        return chunks.get(index);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
