package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * The 40-byte header that starts every metadata log commit (layout in
 * {@code docs/fluffle-format.md}). Immutable.
 *
 * @param kind         {@link #CHECKPOINT} (a full state, first in its zone) or {@link #DELTA}
 * @param epoch        the metadata zone generation: higher wins at mount
 * @param seq          0 for the checkpoint, then 1, 2, ... for the deltas after it
 * @param payloadBytes bytes of records following the header
 * @param recordCount  records in the payload
 * @param payloadCrc   CRC-32C of the payload
 */
record CommitHeader(int kind, long epoch, long seq, int payloadBytes, int recordCount, int payloadCrc) {
    static final int MAGIC = 0x474f4c46; // "FLOG"
    static final int VERSION = 1;
    static final int CHECKPOINT = 1;
    static final int DELTA = 2;
    static final int SIZE = 40;

    void encode(ByteBuffer out) {
        int at = out.position();
        ByteBuffer b = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putShort((short) VERSION).putShort((short) kind).putLong(epoch).putLong(seq)
                .putInt(payloadBytes).putInt(recordCount).putInt(payloadCrc);
        b.putInt(headerCrc(out, at));
        out.position(at + SIZE);
    }

    /** The header at {@code in}'s position, or null when there is none (zeroes, bad magic or checksum). */
    static CommitHeader decode(ByteBuffer in) {
        ByteBuffer b = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int at = b.position();
        if (b.remaining() < SIZE || b.getInt(at) != MAGIC) return null;
        if (b.getInt(at + 36) != headerCrc(b, at)) return null;
        if ((b.getShort(at + 4) & 0xffff) != VERSION) return null;
        int kind = b.getShort(at + 6) & 0xffff;
        if (kind != CHECKPOINT && kind != DELTA) return null;
        int len = b.getInt(at + 24);
        if (len < 0) return null;
        return new CommitHeader(kind, b.getLong(at + 8), b.getLong(at + 16), len, b.getInt(at + 28), b.getInt(at + 32));
    }

    /** Bytes of header and payload rounded up to whole blocks. */
    long paddedBytes() {
        return (SIZE + (long) payloadBytes + Superblock.BLOCK - 1) / Superblock.BLOCK * Superblock.BLOCK;
    }

    static int crc(ByteBuffer data) {
        CRC32C c = new CRC32C();
        c.update(data.duplicate());
        return (int) c.getValue();
    }

    private static int headerCrc(ByteBuffer buf, int at) {
        CRC32C c = new CRC32C();
        ByteBuffer d = buf.duplicate();
        d.limit(at + 36).position(at);
        c.update(d);
        return (int) c.getValue();
    }
}
