package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.opencsd.fluffle.LogRecord.DirentAdd;
import org.opencsd.fluffle.LogRecord.DirentRemove;
import org.opencsd.fluffle.LogRecord.InodeAttrs;
import org.opencsd.fluffle.LogRecord.InodeFree;
import org.opencsd.fluffle.LogRecord.MapExtent;
import org.opencsd.fluffle.LogRecord.NextIno;
import org.opencsd.fluffle.LogRecord.Punch;
import org.opencsd.fluffle.LogRecord.XattrRemove;
import org.opencsd.fluffle.LogRecord.XattrSet;
import org.opencsd.fluffle.LogRecord.ZoneValid;

/**
 * Encodes and decodes {@link LogRecord}s: a type byte, then the fields little endian; strings
 * as u16 length + UTF-8, byte arrays as u32 length + bytes. Stateless; thread-safe.
 */
final class RecordCodec {
    private RecordCodec() {}

    /** Appends {@code r} to {@code out}, growing it as needed; returns the buffer to keep using. */
    static ByteBuffer encode(LogRecord r, ByteBuffer out) {
        out = ensure(out, 64 + extraBytes(r));
        switch (r) {
            case InodeAttrs a -> {
                out.put((byte) 1).putLong(a.ino()).put((byte) a.type().ordinal()).putInt(a.mode())
                        .putInt(a.uid()).putInt(a.gid()).putInt(a.nlink()).putLong(a.size())
                        .putLong(a.atime()).putLong(a.mtime()).putLong(a.ctime()).putLong(a.parent());
                putString(out, a.symlinkTarget());
            }
            case MapExtent m -> out.put((byte) 2).putLong(m.ino()).putLong(m.fileBlock()).putLong(m.lba()).putLong(m.count());
            case Punch p -> out.put((byte) 3).putLong(p.ino()).putLong(p.fromBlock()).putLong(p.toBlock());
            case DirentAdd d -> {
                out.put((byte) 4).putLong(d.dir()).putLong(d.ino());
                putString(out, d.name());
            }
            case DirentRemove d -> {
                out.put((byte) 5).putLong(d.dir());
                putString(out, d.name());
            }
            case XattrSet x -> {
                out.put((byte) 6).putLong(x.ino());
                putString(out, x.name());
                out.putInt(x.value().length).put(x.value());
            }
            case XattrRemove x -> {
                out.put((byte) 7).putLong(x.ino());
                putString(out, x.name());
            }
            case InodeFree f -> out.put((byte) 8).putLong(f.ino());
            case NextIno n -> out.put((byte) 9).putLong(n.next());
            case ZoneValid z -> out.put((byte) 10).putInt(z.zone()).putLong(z.validBlocks());
        }
        return out;
    }

    /** Decodes every record in {@code payload}; a malformed one is a {@link CorruptMetadataException}. */
    static List<LogRecord> decodeAll(ByteBuffer payload) {
        payload.order(ByteOrder.LITTLE_ENDIAN);
        List<LogRecord> out = new ArrayList<>();
        try {
            while (payload.hasRemaining()) out.add(decode(payload));
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptMetadataException("malformed log record at payload byte " + payload.position());
        }
        return out;
    }

    private static LogRecord decode(ByteBuffer in) {
        int type = in.get() & 0xff;
        return switch (type) {
            case 1 -> new InodeAttrs(in.getLong(), FileType.ofCode(in.get()), in.getInt(), in.getInt(),
                    in.getInt(), in.getInt(), in.getLong(), in.getLong(), in.getLong(), in.getLong(),
                    in.getLong(), getString(in));
            case 2 -> new MapExtent(in.getLong(), in.getLong(), in.getLong(), in.getLong());
            case 3 -> new Punch(in.getLong(), in.getLong(), in.getLong());
            case 4 -> {
                long dir = in.getLong();
                long ino = in.getLong();
                yield new DirentAdd(dir, getString(in), ino);
            }
            case 5 -> new DirentRemove(in.getLong(), getString(in));
            case 6 -> {
                long ino = in.getLong();
                String name = getString(in);
                int n = in.getInt();
                if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("xattr length");
                byte[] v = new byte[n];
                in.get(v);
                yield new XattrSet(ino, name, v);
            }
            case 7 -> new XattrRemove(in.getLong(), getString(in));
            case 8 -> new InodeFree(in.getLong());
            case 9 -> new NextIno(in.getLong());
            case 10 -> new ZoneValid(in.getInt(), in.getLong());
            default -> throw new CorruptMetadataException("unknown log record type " + type);
        };
    }

    private static int extraBytes(LogRecord r) {
        return switch (r) {
            case InodeAttrs a -> 3 * a.symlinkTarget().length() + 2;
            case DirentAdd d -> 3 * d.name().length() + 2;
            case DirentRemove d -> 3 * d.name().length() + 2;
            case XattrSet x -> 3 * x.name().length() + 6 + x.value().length;
            case XattrRemove x -> 3 * x.name().length() + 2;
            default -> 0;
        };
    }

    private static ByteBuffer ensure(ByteBuffer out, int more) {
        if (out.remaining() >= more) return out;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.flip();
        bigger.put(out);
        return bigger;
    }

    private static void putString(ByteBuffer out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.putShort((short) b.length).put(b);
    }

    private static String getString(ByteBuffer in) {
        int n = in.getShort() & 0xffff;
        if (n > in.remaining()) throw new IllegalArgumentException("string length");
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
