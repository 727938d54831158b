package org.opencsd.fluffle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * All metadata in memory: the inode table (inode number -> inode, the F2FS-like indirection:
 * nothing on the device points at an inode's location, so nothing "wanders" when it changes),
 * and the valid-block count of every zone. Changed only by {@link #apply}, which checks each
 * record against the state and throws {@link CorruptMetadataException} for one that does not fit
 * (so a replayed log that breaks an invariant is refused, not half-applied silently).
 *
 * <p>Not thread-safe: the file system's lock guards it.
 */
final class MetaState {
    /** The root directory's inode number. */
    static final long ROOT = 1;

    private final Superblock sb;
    private final Map<Long, Inode> inodes = new HashMap<>();
    private final long[] zoneValid;
    private final long[] expectedZoneValid;
    private long nextIno = ROOT + 1;

    MetaState(Superblock sb) {
        this.sb = sb;
        this.zoneValid = new long[sb.zoneCount()];
        this.expectedZoneValid = new long[sb.zoneCount()];
        Arrays.fill(expectedZoneValid, -1);
    }

    Superblock superblock() {
        return sb;
    }

    /** The inode, or null. */
    Inode get(long ino) {
        return inodes.get(ino);
    }

    Collection<Inode> inodes() {
        return inodes.values();
    }

    int inodeCount() {
        return inodes.size();
    }

    /** The next unused inode number. */
    long nextIno() {
        return nextIno;
    }

    /** Live blocks in zone {@code zone}. */
    long zoneValid(int zone) {
        return zoneValid[zone];
    }

    /** Live blocks in all zones. */
    long liveBlocks() {
        long n = 0;
        for (long v : zoneValid) n += v;
        return n;
    }

    /** Zones whose checkpointed valid count differs from the count the extents give. */
    List<String> zoneValidMismatches() {
        List<String> out = new ArrayList<>();
        for (int z = 0; z < zoneValid.length; z++) {
            if (expectedZoneValid[z] >= 0 && expectedZoneValid[z] != zoneValid[z]) {
                out.add("zone " + z + " is recorded with " + expectedZoneValid[z]
                        + " valid blocks but its extents hold " + zoneValid[z]);
            }
        }
        return out;
    }

    /** Applies one record. */
    void apply(LogRecord r) {
        switch (r) {
            case InodeAttrs a -> applyAttrs(a);
            case MapExtent m -> {
                Inode f = file(m.ino());
                Extent e = checkedExtent(m);
                release(f.extents.map(e));
                zoneValid[sb.zoneOfLba(e.lba())] += e.count();
            }
            case Punch p -> {
                if (p.fromBlock() < 0 || p.toBlock() < p.fromBlock()) throw corrupt("bad punch range of inode " + p.ino());
                release(file(p.ino()).extents.punch(p.fromBlock(), p.toBlock()));
            }
            case DirentAdd d -> {
                Inode dir = directory(d.dir());
                existing(d.ino());
                if (dir.entries.putIfAbsent(d.name(), d.ino()) != null) {
                    throw corrupt("directory " + d.dir() + " already has an entry " + d.name());
                }
            }
            case DirentRemove d -> {
                if (directory(d.dir()).entries.remove(d.name()) == null) {
                    throw corrupt("directory " + d.dir() + " has no entry " + d.name());
                }
            }
            case XattrSet x -> existing(x.ino()).xattrs.put(x.name(), x.value().clone());
            case XattrRemove x -> {
                if (existing(x.ino()).xattrs.remove(x.name()) == null) {
                    throw corrupt("inode " + x.ino() + " has no xattr " + x.name());
                }
            }
            case InodeFree f -> {
                Inode gone = existing(f.ino());
                release(new ArrayList<>(gone.extents.extents()));
                inodes.remove(f.ino());
            }
            case NextIno n -> nextIno = Math.max(nextIno, n.next());
            case ZoneValid z -> {
                if (z.zone() < 0 || z.zone() >= zoneValid.length) throw corrupt("zone " + z.zone() + " out of range");
                expectedZoneValid[z.zone()] = z.validBlocks();
            }
        }
    }

    /** The records that recreate this state from nothing: the body of a checkpoint. */
    List<LogRecord> checkpointRecords() {
        List<LogRecord> out = new ArrayList<>();
        out.add(new NextIno(nextIno));
        List<Inode> sorted = new ArrayList<>(inodes.values());
        sorted.sort((a, b) -> Long.compare(a.ino, b.ino));
        for (Inode i : sorted) out.add(i.attrsRecord());
        for (Inode i : sorted) {
            for (Extent e : i.extents.extents()) out.add(new MapExtent(i.ino, e.fileBlock(), e.lba(), e.count()));
            i.xattrs.forEach((k, v) -> out.add(new XattrSet(i.ino, k, v)));
            i.entries.forEach((k, v) -> out.add(new DirentAdd(i.ino, k, v)));
        }
        for (int z = 0; z < zoneValid.length; z++) {
            if (zoneValid[z] != 0) out.add(new ZoneValid(z, zoneValid[z]));
        }
        return out;
    }

    private void applyAttrs(InodeAttrs a) {
        if (a.ino() < ROOT) throw corrupt("inode number " + a.ino());
        Inode i = inodes.get(a.ino());
        if (i == null) {
            i = new Inode(a.ino(), a.type(), sb.zoneSize());
            inodes.put(a.ino(), i);
        } else if (i.type != a.type()) {
            throw corrupt("inode " + a.ino() + " changes type from " + i.type + " to " + a.type());
        }
        if (a.size() < 0 || a.nlink() < 0) throw corrupt("inode " + a.ino() + " has a negative size or link count");
        i.setAttrs(a);
        nextIno = Math.max(nextIno, a.ino() + 1);
    }

    private Extent checkedExtent(MapExtent m) {
        if (m.count() <= 0 || m.fileBlock() < 0 || m.lba() < 0) throw corrupt("bad extent of inode " + m.ino());
        int zone = sb.zoneOfLba(m.lba());
        long last = m.lba() + m.count() - 1;
        if (zone < sb.dataZoneFirst() || zone >= sb.zoneCount() || sb.zoneOfLba(last) != zone
                || last - sb.zoneStart(zone) >= sb.zoneCapacity()) {
            throw corrupt("extent of inode " + m.ino() + " at LBA " + m.lba() + "+" + m.count()
                    + " is not inside one data zone's capacity");
        }
        return new Extent(m.fileBlock(), m.lba(), m.count());
    }

    private void release(List<Extent> removed) {
        for (Extent e : removed) zoneValid[sb.zoneOfLba(e.lba())] -= e.count();
    }

    private Inode existing(long ino) {
        Inode i = inodes.get(ino);
        if (i == null) throw corrupt("record for missing inode " + ino);
        return i;
    }

    private Inode file(long ino) {
        Inode i = existing(ino);
        if (i.type != FileType.REGULAR) throw corrupt("block map record for non-file inode " + ino);
        return i;
    }

    private Inode directory(long ino) {
        Inode i = existing(ino);
        if (i.type != FileType.DIRECTORY) throw corrupt("entry record for non-directory inode " + ino);
        return i;
    }

    private static CorruptMetadataException corrupt(String m) {
        return new CorruptMetadataException(m);
    }
}
