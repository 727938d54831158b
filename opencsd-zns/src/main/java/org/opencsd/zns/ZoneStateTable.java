package org.opencsd.zns;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The memory-mapped zone-state table of a device image: per zone, two 64-byte slots written
 * alternately, each carrying a sequence number and a CRC-32C. Updating a zone writes the slot
 * not holding its latest state, so a process killed in the middle of an update leaves the other
 * slot, the previous state, intact; loading takes the valid slot with the higher sequence.
 * Stores are plain memory writes into the shared mapping: no system call per update.
 *
 * <pre>
 * slot: 0 u64 sequence | 8 u64 written LBAs | 16 u64 high-water LBAs | 24 u64 open age
 *       32 u32 zone index | 36 u8 state | 37 u8 attributes | 40 u32 CRC-32C of the extension
 *       60 u32 CRC-32C of bytes 0..59
 * </pre>
 *
 * <p>Thread-safety: one zone's slots are written by one thread at a time (the zone's lock);
 * different zones are independent. Loading happens before any store.
 */
final class ZoneStateTable implements AutoCloseable {
    static final int SLOT = 64;
    static final int RECORD = 2 * SLOT;

    /** A decoded slot: its sequence, the zone record (without extension bytes) and the extension's CRC. */
    record Slot(long sequence, ZoneRecord record, int extensionCrc) {}

    private final Arena arena;
    private final MemorySegment table;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final long[] sequence;
    private final int[] current;
    /** Per zone: the slot being composed (used under the zone's lock; unused bytes stay zero). */
    private final byte[][] scratch;

    private ZoneStateTable(Arena arena, MemorySegment table, int zones) {
        this.arena = arena;
        this.table = table;
        this.sequence = new long[zones];
        this.current = new int[zones];
        this.scratch = new byte[zones][SLOT];
    }

    /** Bytes of the table for {@code zones} zones. */
    static long bytes(int zones) {
        return (long) zones * RECORD;
    }

    /** Maps the table of {@code zones} zones at {@code offset} in {@code channel}. */
    static ZoneStateTable map(FileChannel channel, long offset, int zones, boolean writable) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment seg = channel.map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY,
                    offset, bytes(zones), arena);
            return new ZoneStateTable(arena, seg, zones);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Loads zone {@code zone}: the valid slot with the higher sequence. Throws an
     * {@link ImageException} when neither slot is valid or the state is impossible.
     */
    Slot load(Path image, ZoneGeometry g, int zone) {
        Slot a = decode(zone, 0);
        Slot b = decode(zone, 1);
        if (a == null && b == null) {
            throw corrupt(image, "zone " + zone + " has no record with a valid checksum");
        }
        int pick = b == null || (a != null && a.sequence() > b.sequence()) ? 0 : 1;
        Slot s = pick == 0 ? a : b;
        sequence[zone] = s.sequence();
        current[zone] = pick;
        check(image, g, zone, s.record());
        return s;
    }

    private static void check(Path image, ZoneGeometry g, int zone, ZoneRecord r) {
        String problem = null;
        if (r.written() < 0 || r.written() > g.zoneCapacity()) problem = "write pointer beyond the zone capacity";
        else if (r.highWater() < r.written() || r.highWater() > g.zoneSize()) problem = "bad high-water mark";
        else if (r.state() == ZoneState.EMPTY && r.written() != 0) problem = "an Empty zone with data";
        else if ((r.state() == ZoneState.IMPLICITLY_OPENED) != (r.openAge() > 0)) problem = "a bad open age";
        else if (r.extensionValid() && g.descriptorExtensionSize() == 0) problem = "an extension without ZDES";
        if (problem != null) throw corrupt(image, "zone " + zone + " has " + problem);
    }

    static ImageException corrupt(Path image, String what) {
        return new ImageException(image, "has a corrupt zone-state table: " + what);
    }

    private Slot decode(int zone, int slot) {
        byte[] raw = new byte[SLOT];
        MemorySegment.copy(table, ValueLayout.JAVA_BYTE, offset(zone, slot), raw, 0, SLOT);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(60) != crc(raw) || b.getInt(32) != zone || b.getLong(0) <= 0) return null;
        ZoneState state;
        try {
            state = ZoneState.ofCode(b.get(36) & 0xff);
        } catch (IllegalArgumentException e) {
            return null;
        }
        ZoneRecord r = new ZoneRecord(state, b.getLong(8), b.getLong(16), b.getLong(24), b.get(37) & 0xff,
                ZoneRecord.NO_EXTENSION);
        return new Slot(b.getLong(0), r, b.getInt(40));
    }

    /** Stores {@code r} (whose extension has CRC {@code extensionCrc}) as zone {@code zone}'s state. */
    void store(int zone, ZoneRecord r, int extensionCrc) {
        long seq = sequence[zone] + 1;
        int slot = 1 - current[zone];
        byte[] b = scratch[zone];
        LONG.set(b, 0, seq);
        LONG.set(b, 8, r.written());
        LONG.set(b, 16, r.highWater());
        LONG.set(b, 24, r.openAge());
        INT.set(b, 32, zone);
        b[36] = (byte) r.state().code();
        b[37] = (byte) r.attributes();
        INT.set(b, 40, extensionCrc);
        INT.set(b, 60, crc(b));
        MemorySegment.copy(b, 0, table, ValueLayout.JAVA_BYTE, offset(zone, slot), SLOT);
        sequence[zone] = seq;
        current[zone] = slot;
    }

    private static long offset(int zone, int slot) {
        return (long) zone * RECORD + (long) slot * SLOT;
    }

    static int crc(byte[] slot) {
        CRC32C c = new CRC32C();
        c.update(slot, 0, 60);
        return (int) c.getValue();
    }

    /** Writes the mapped table back to the file. */
    void force() {
        table.force();
    }

    /** Unmaps the table. */
    @Override
    public void close() {
        arena.close();
    }
}
