package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.opencsd.zns.ZoneDescriptor;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/**
 * Rebuilds the metadata from the device without writing anything: picks the metadata zone whose
 * checkpoint is valid and newest (highest epoch), applies the checkpoint, then replays the delta
 * commits after it up to the zone's write pointer, stopping at the first commit that is torn
 * (bad checksum, wrong epoch or sequence). Stateless; each call reads the device.
 */
final class LogLoader {
    private LogLoader() {}

    /**
     * What loading found.
     *
     * @param activeZone  the metadata zone that holds the live log
     * @param epoch       its epoch
     * @param nextSeq     sequence number of the next delta commit
     * @param usedBlocks  blocks of that zone holding valid commits
     * @param tornBlocks  blocks after the last valid commit that are not zero (a torn write)
     * @param commits     delta commits replayed
     * @param notes       findings that are not errors (torn tail, stale zones)
     */
    record Loaded(MetaState state, int activeZone, long epoch, long nextSeq, long usedBlocks,
                  long tornBlocks, long commits, List<String> notes) {}

    /** Loads; a device that holds no valid metadata is an {@link ImageFormatException}. */
    static Loaded load(ZonedDevice d, Superblock sb) {
        int best = -1;
        long bestEpoch = -1;
        CommitHeader bestHeader = null;
        for (int z = sb.metaZoneFirst(); z < sb.metaZoneFirst() + sb.metaZoneCount(); z++) {
            long end = writtenBlocks(d, sb, z);
            if (end == 0) continue;
            CommitHeader h = headerAt(d, sb.zoneStart(z), end);
            if (h == null || h.kind() != CommitHeader.CHECKPOINT || h.seq() != 0) continue;
            if (h.epoch() > bestEpoch && payloadOk(d, sb.zoneStart(z), h)) {
                best = z;
                bestEpoch = h.epoch();
                bestHeader = h;
            }
        }
        if (best < 0) throw new ImageFormatException("the FluffleFS metadata is corrupt: no metadata zone holds a valid checkpoint");
        try {
            return replay(d, sb, best, bestHeader);
        } catch (CorruptMetadataException e) {
            throw new ImageFormatException("the FluffleFS metadata is corrupt: " + e.getMessage());
        }
    }

    private static Loaded replay(ZonedDevice d, Superblock sb, int zone, CommitHeader cp) {
        MetaState state = new MetaState(sb);
        long start = sb.zoneStart(zone);
        for (LogRecord r : RecordCodec.decodeAll(payload(d, start, cp))) state.apply(r);
        List<String> mismatches = state.zoneValidMismatches();
        if (!mismatches.isEmpty()) throw new CorruptMetadataException(mismatches.getFirst());
        if (state.get(MetaState.ROOT) == null || state.get(MetaState.ROOT).type != FileType.DIRECTORY) {
            throw new CorruptMetadataException("the root directory is missing");
        }
        long end = writtenBlocks(d, sb, zone);
        long pos = cp.paddedBytes() / Superblock.BLOCK;
        long seq = 1;
        List<String> notes = new ArrayList<>();
        while (pos < end) {
            CommitHeader h = headerAt(d, start + pos, end - pos);
            if (h == null || h.kind() != CommitHeader.DELTA || h.epoch() != cp.epoch() || h.seq() != seq
                    || !payloadOk(d, start + pos, h)) {
                break;
            }
            for (LogRecord r : RecordCodec.decodeAll(payload(d, start + pos, h))) state.apply(r);
            pos += h.paddedBytes() / Superblock.BLOCK;
            seq++;
        }
        long torn = nonZeroBlocks(d, start + pos, end - pos);
        if (torn > 0) notes.add("metadata zone " + zone + " ends with " + torn + " blocks of a torn commit (ignored)");
        return new Loaded(state, zone, cp.epoch(), seq, pos, torn, seq - 1, notes);
    }

    /** Blocks written in {@code zone}: up to the write pointer, or the capacity when Full. */
    static long writtenBlocks(ZonedDevice d, Superblock sb, int zone) {
        ZoneDescriptor z = d.zone(zone);
        if (z.state() == ZoneState.EMPTY || z.state() == ZoneState.OFFLINE) return 0;
        if (z.writePointer() == ZoneDescriptor.NO_WRITE_POINTER) return sb.zoneCapacity();
        return z.writePointer() - z.startLba();
    }

    private static CommitHeader headerAt(ZonedDevice d, long lba, long blocksLeft) {
        if (blocksLeft <= 0) return null;
        ByteBuffer b = ByteBuffer.allocate(Superblock.BLOCK);
        DeviceIo.read(d, lba, b);
        b.flip();
        CommitHeader h = CommitHeader.decode(b);
        if (h == null || h.paddedBytes() / Superblock.BLOCK > blocksLeft) return null;
        return h;
    }

    private static boolean payloadOk(ZonedDevice d, long lba, CommitHeader h) {
        return CommitHeader.crc(payload(d, lba, h)) == h.payloadCrc();
    }

    private static ByteBuffer payload(ZonedDevice d, long lba, CommitHeader h) {
        ByteBuffer all = ByteBuffer.allocate((int) h.paddedBytes());
        DeviceIo.read(d, lba, all);
        all.position(CommitHeader.SIZE).limit(CommitHeader.SIZE + h.payloadBytes());
        return all.slice();
    }

    /** Non-zero blocks from {@code lba} up to the first all-zero block (a torn commit's remains). */
    private static long nonZeroBlocks(ZonedDevice d, long lba, long blocks) {
        ByteBuffer b = ByteBuffer.allocate(Superblock.BLOCK);
        for (long i = 0; i < blocks; i++) {
            b.clear();
            DeviceIo.read(d, lba + i, b);
            b.flip();
            boolean zero = true;
            while (b.hasRemaining() && zero) zero = b.get() == 0;
            if (zero) return i;
        }
        return blocks;
    }
}
