package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/**
 * The writer of the metadata log. Records are applied to the {@link MetaState} by the caller and
 * handed here, where they wait in a buffer; {@link #commit} appends them as one checksummed,
 * sequence-numbered commit to the live metadata zone, so the records of one operation are
 * always durable together or not at all. When the live zone cannot take a commit, {@link #roll}
 * finishes it, writes a full checkpoint of the state (which includes the buffered records) as
 * the first commit of the next metadata zone with the next epoch, and only then resets the old
 * zone: a crash at any point leaves one zone whose newest valid checkpoint describes a state
 * the file system had.
 *
 * <p>Not thread-safe: the file system's write lock guards it.
 */
final class MetadataLog {
    private final ZonedDevice device;
    private final Superblock sb;
    private final MetaState state;
    private ByteBuffer pending = newBuffer(64 << 10);
    private int pendingRecords;
    private int zone;
    private long epoch;
    private long nextSeq;
    private long usedBlocks;
    private long bytesWritten;
    private long checkpoints;

    MetadataLog(ZonedDevice device, Superblock sb, MetaState state, int zone, long epoch, long nextSeq, long usedBlocks) {
        this.device = device;
        this.sb = sb;
        this.state = state;
        this.zone = zone;
        this.epoch = epoch;
        this.nextSeq = nextSeq;
        this.usedBlocks = usedBlocks;
    }

    /** Writes the first checkpoint of a new file system into the first metadata zone. */
    static void format(ZonedDevice device, Superblock sb, MetaState state) {
        ByteBuffer c = encodeCommit(CommitHeader.CHECKPOINT, 1, 0, state.checkpointRecords());
        if (c.remaining() > sb.zoneCapacity() * Superblock.BLOCK) throw new FsException(FsErrno.ENOSPC, "checkpoint larger than a metadata zone");
        DeviceIo.append(device, sb.metaZoneFirst(), c);
    }

    /** Buffers records already applied to the state. */
    void add(List<LogRecord> records) {
        for (LogRecord r : records) pending = RecordCodec.encode(r, pending);
        pendingRecords += records.size();
    }

    /** Bytes waiting for the next commit. */
    int pendingBytes() {
        return pending.position();
    }

    /** Metadata bytes written to the device since mount. */
    long bytesWritten() {
        return bytesWritten;
    }

    /** Checkpoints written since mount. */
    long checkpoints() {
        return checkpoints;
    }

    /** Writes the buffered records as one commit (rolling to a new zone when they do not fit). */
    void commit() {
        if (pendingRecords == 0) return;
        ByteBuffer records = pending.duplicate().flip();
        ByteBuffer c = encodeCommit(CommitHeader.DELTA, epoch, nextSeq, records, pendingRecords);
        long blocks = c.remaining() / Superblock.BLOCK;
        if (usedBlocks + blocks > sb.zoneCapacity()) {
            roll();
            return;
        }
        DeviceIo.append(device, zone, c);
        bytesWritten += blocks * Superblock.BLOCK;
        usedBlocks += blocks;
        nextSeq++;
        clearPending();
    }

    /** Commits and forces everything to stable storage. */
    void sync() {
        commit();
        device.flush();
    }

    /**
     * Writes a checkpoint of the whole state to the next metadata zone and resets the others
     * (see the class comment for the crash-safe order).
     *
     * @throws IllegalStateException when the checkpoint is larger than a metadata zone: the state
     *         in memory can then no longer be made durable, and the file system fails (EIO)
     */
    void roll() {
        ByteBuffer c = encodeCommit(CommitHeader.CHECKPOINT, epoch + 1, 0, state.checkpointRecords());
        long blocks = c.remaining() / Superblock.BLOCK;
        if (blocks > sb.zoneCapacity()) {
            throw new IllegalStateException("the metadata checkpoint (" + blocks
                    + " blocks) is larger than a metadata zone (" + sb.zoneCapacity() + " blocks)");
        }
        ZoneState s = device.zone(zone).state();
        if (s != ZoneState.EMPTY && s != ZoneState.FULL) device.manage(zone, ZoneAction.FINISH);
        int target = sb.metaZoneFirst() + (zone - sb.metaZoneFirst() + 1) % sb.metaZoneCount();
        if (device.zone(target).state() != ZoneState.EMPTY) device.manage(target, ZoneAction.RESET);
        DeviceIo.append(device, target, c);
        device.flush();
        for (int z = sb.metaZoneFirst(); z < sb.metaZoneFirst() + sb.metaZoneCount(); z++) {
            if (z != target && device.zone(z).state() != ZoneState.EMPTY) device.manage(z, ZoneAction.RESET);
        }
        bytesWritten += blocks * Superblock.BLOCK;
        checkpoints++;
        zone = target;
        epoch++;
        nextSeq = 1;
        usedBlocks = blocks;
        clearPending();
    }

    private void clearPending() {
        if (pending.capacity() > (1 << 20)) pending = newBuffer(64 << 10);
        pending.clear();
        pendingRecords = 0;
    }

    private static ByteBuffer encodeCommit(int kind, long epoch, long seq, List<LogRecord> records) {
        ByteBuffer body = newBuffer(64 << 10);
        for (LogRecord r : records) body = RecordCodec.encode(r, body);
        return encodeCommit(kind, epoch, seq, body.flip(), records.size());
    }

    private static ByteBuffer encodeCommit(int kind, long epoch, long seq, ByteBuffer records, int count) {
        int len = records.remaining();
        CommitHeader h = new CommitHeader(kind, epoch, seq, len, count, CommitHeader.crc(records));
        ByteBuffer out = ByteBuffer.allocate((int) h.paddedBytes()).order(ByteOrder.LITTLE_ENDIAN);
        h.encode(out);
        out.put(records.duplicate());
        out.clear();
        return out;
    }

    private static ByteBuffer newBuffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
