package org.opencsd.zns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * A device image file: {@link ImageHeader}, the mapped {@link ZoneStateTable}, the descriptor
 * extension area, then the data, LBA 0 at the header's data offset. The file is sparse: it
 * grows as data is written, and bytes never written read as zeroes.
 *
 * <p>Data goes through positional {@link FileChannel} I/O (no extra copies for direct buffers);
 * zone states are stores into the mapping. A zone's record is stored after its data, so the
 * write pointer on the image never runs ahead of the data. An image opened for writing holds an
 * writer lock ({@link ImageFile}); opening validates everything before writing a single byte.
 *
 * <p>Thread-safety: as the {@link Backend} contract; {@link FileChannel} positional I/O is safe
 * for concurrent use.
 */
final class FileBackend implements Backend {
    private static final ByteBuffer ZEROES = ByteBuffer.allocateDirect(1 << 20);

    private final Path path;
    private final FileChannel channel;
    private final ImageHeader header;
    private final ZoneStateTable table;
    private final ImageFile file;
    private final boolean writable;
    private final ZoneRecord[] loaded;
    private final byte[][] storedExtension;
    private final int[] storedExtensionCrc;
    /** Frees a reset zone's blocks at once; empty for read-only images or where it cannot work. */
    private final Optional<HolePunch> holePunch;

    private FileBackend(Path path, ImageFile file, boolean writable, ImageHeader header, ZoneStateTable table,
                        ZoneRecord[] loaded, int[] extensionCrc) {
        this.path = path;
        this.file = file;
        this.writable = writable;
        this.channel = file.channel();
        this.header = header;
        this.table = table;
        this.loaded = loaded;
        this.storedExtension = new byte[loaded.length][];
        this.storedExtensionCrc = extensionCrc;
        for (int i = 0; i < loaded.length; i++) storedExtension[i] = loaded[i].extension();
        this.holePunch = writable ? HolePunch.open(path) : Optional.empty();
    }

    /** Creates a new image of geometry {@code g} at {@code path}, every zone Empty; fails if it exists. */
    static void create(Path path, ZoneGeometry g) throws IOException {
        ImageHeader h = ImageHeader.forGeometry(g);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            try {
                ch.write(ByteBuffer.wrap(h.encode()), 0);
                ch.write(ByteBuffer.allocate(8), ImageHeader.PID_OFFSET);
                ch.write(ByteBuffer.allocate(1), h.dataOffset() - 1); // the table exists; data is sparse
                try (ZoneStateTable t = ZoneStateTable.map(ch, h.tableOffset(), g.zoneCount(), true)) {
                    for (int i = 0; i < g.zoneCount(); i++) t.store(i, ZoneRecord.empty(), 0);
                    t.force();
                }
                ch.force(true);
            } catch (IOException | RuntimeException e) {
                ch.close();
                Files.deleteIfExists(path);
                throw e;
            }
        }
    }

    /**
     * Opens and validates the image at {@code path}; for writing, after taking its lock. Nothing
     * is written to the file here ({@link #claim()} records the writer afterwards).
     */
    static FileBackend open(Path path, boolean writable) throws IOException {
        ImageFile file = ImageFile.open(path, writable);
        FileChannel ch = file.channel();
        ZoneStateTable table = null;
        try {
            long size = ch.size();
            ByteBuffer raw = ByteBuffer.allocate(ImageHeader.LENGTH);
            ch.read(raw, 0);
            ImageHeader h = ImageHeader.decode(path, raw, size);
            ZoneGeometry g = h.geometry();
            table = ZoneStateTable.map(ch, h.tableOffset(), g.zoneCount(), writable);
            ZoneRecord[] records = new ZoneRecord[g.zoneCount()];
            int[] crcs = new int[g.zoneCount()];
            for (int i = 0; i < records.length; i++) {
                ZoneStateTable.Slot s = table.load(path, g, i);
                records[i] = withExtension(path, ch, h, i, s);
                crcs[i] = s.extensionCrc();
                long end = h.dataOffset() + (g.zoneStart(i) + records[i].written()) * g.lbaSize();
                if (records[i].written() > 0 && end > size) {
                    throw new ImageException(path, "is truncated: zone " + i + "'s data ends at byte " + end
                            + " but the file has " + size + " bytes");
                }
            }
            return new FileBackend(path, file, writable, h, table, records, crcs);
        } catch (IOException | RuntimeException e) {
            if (table != null) table.close();
            file.close(writable);
            throw e;
        }
    }

    private static ZoneRecord withExtension(Path path, FileChannel ch, ImageHeader h, int zone,
                                            ZoneStateTable.Slot s) throws IOException {
        ZoneRecord r = s.record();
        if (!r.extensionValid()) return r;
        int n = h.geometry().descriptorExtensionSize();
        ByteBuffer ext = ByteBuffer.allocate(n);
        while (ext.hasRemaining() && ch.read(ext, h.extensionOffset() + (long) zone * n + ext.position()) >= 0) {
            // keep reading
        }
        if (crc(ext.array()) != s.extensionCrc()) {
            throw ZoneStateTable.corrupt(path, "zone " + zone + "'s descriptor extension fails its checksum");
        }
        return new ZoneRecord(r.state(), r.written(), r.highWater(), r.openAge(), r.attributes(), ext.array());
    }

    /** Records this process as the image's writer (after validation succeeded). */
    void claim() {
        if (!writable) throw new IllegalStateException("opened read-only");
        try {
            file.recordPid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the writer of " + path, e);
        }
    }

    ZoneGeometry geometry() {
        return header.geometry();
    }

    @Override
    public ZoneRecord load(int zone) {
        return loaded[zone];
    }

    @Override
    public void store(int zone, ZoneRecord record) {
        if (!writable) throw new IllegalStateException("image " + path + " is open read-only");
        int extCrc = 0;
        if (record.extensionValid()) {
            if (record.extension() != storedExtension[zone]) {
                byte[] ext = record.extension();
                writeAt(header.extensionOffset() + (long) zone * ext.length, ByteBuffer.wrap(ext));
                storedExtension[zone] = ext;
                storedExtensionCrc[zone] = crc(ext);
            }
            extCrc = storedExtensionCrc[zone];
        }
        table.store(zone, record, extCrc);
    }

    @Override
    public void write(long offset, ByteBuffer src) {
        writeAt(header.dataOffset() + offset, src);
    }

    private void writeAt(long at, ByteBuffer src) {
        try {
            while (src.hasRemaining()) at += channel.write(src, at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void read(long offset, ByteBuffer dst) {
        try {
            long at = header.dataOffset() + offset;
            while (dst.hasRemaining()) {
                int n = channel.read(dst, at);
                if (n < 0) break;
                at += n;
            }
            ZonedNamespace.zeroFill(dst, dst.remaining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frees the range's blocks with a hole punch where the file system allows it, else writes zeroes. */
    @Override
    public void zero(long offset, long length) {
        try {
            long at = header.dataOffset() + offset;
            long end = Math.min(at + length, channel.size());
            if (at >= end || holePunch.map(p -> p.punch(at, end - at)).orElse(false)) return;
            writeZeroes(at, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeZeroes(long at, long end) {
        try {
            while (at < end) {
                ByteBuffer z = ZEROES.duplicate();
                z.limit((int) Math.min(z.capacity(), end - at));
                while (z.hasRemaining()) at += channel.write(z, at);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Forces data and zone-state table to stable storage with one {@code fsync} of the image: the
     * table is a shared mapping of the same file, whose dirty pages Linux tracks in the page cache
     * and writes back on {@code fsync} like any other; a separate {@code msync(MS_SYNC)} of the
     * mapping (which is itself an fsync of the file) would sync the image twice per flush.
     */
    @Override
    public void flush() {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            holePunch.ifPresent(HolePunch::close);
            table.close();
            file.close(writable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int crc(byte[] b) {
        CRC32C c = new CRC32C();
        c.update(b);
        return (int) c.getValue();
    }
}
