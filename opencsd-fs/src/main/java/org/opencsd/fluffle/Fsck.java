package org.opencsd.fluffle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;

/**
 * Checks every invariant of the format without writing: superblock, a valid newest checkpoint
 * and log, then the state: extents inside written data of data zones, within the file size, no
 * block shared by two mappings, per-zone valid counts, directory entries pointing at inodes,
 * link counts, parents, reachability from the root, symlink sizes, xattr names, inode numbering.
 * Stateless; the device may be opened read-only.
 */
public final class Fsck {
    private static final int B = Superblock.BLOCK;

    private Fsck() {}

    /** Checks the file system on {@code device}. */
    public static FsckReport check(ZonedDevice device) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Superblock sb;
        LogLoader.Loaded loaded;
        try {
            sb = Formatter.readSuperblock(device);
            loaded = LogLoader.load(device, sb);
        } catch (ImageFormatException e) {
            problems.add(e.getMessage());
            return new FsckReport(problems, notes, 0, 0);
        }
        return check(device, sb, loaded, problems, notes);
    }

    /** Checks an already loaded state (mount runs this before it writes anything). */
    static FsckReport check(ZonedDevice device, Superblock sb, LogLoader.Loaded loaded) {
        return check(device, sb, loaded, new ArrayList<>(), new ArrayList<>());
    }

    private static FsckReport check(ZonedDevice device, Superblock sb, LogLoader.Loaded loaded,
                                    List<String> problems, List<String> notes) {
        notes.addAll(loaded.notes());
        MetaState st = loaded.state();
        if (device.zone(0).state() != ZoneState.FULL) problems.add("zone 0 (superblock) is not Full");
        long[] written = new long[sb.zoneCount()];
        for (int z = sb.dataZoneFirst(); z < sb.zoneCount(); z++) written[z] = LogLoader.writtenBlocks(device, sb, z);
        long extents = checkExtents(st, sb, device, written, problems);
        checkTree(st, problems, notes);
        return new FsckReport(problems, notes, st.inodeCount(), extents);
    }

    private static long checkExtents(MetaState st, Superblock sb, ZonedDevice device, long[] written, List<String> problems) {
        record Run(long lba, long count, long ino) {}
        List<Run> runs = new ArrayList<>();
        long[] valid = new long[sb.zoneCount()];
        for (Inode i : st.inodes()) {
            long blocksInSize = (i.size + B - 1) / B;
            for (Extent e : i.extents.extents()) {
                int z = sb.zoneOfLba(e.lba());
                valid[z] += e.count();
                runs.add(new Run(e.lba(), e.count(), i.ino));
                if (e.lba() + e.count() > sb.zoneStart(z) + written[z]) {
                    problems.add("inode " + i.ino + " maps file block " + e.fileBlock() + " to LBA " + e.lba()
                            + "+" + e.count() + " beyond zone " + z + "'s written data");
                }
                ZoneState s = device.zone(z).state();
                if (s == ZoneState.OFFLINE) problems.add("inode " + i.ino + " has blocks in offline zone " + z);
                if (e.endBlock() > blocksInSize) {
                    problems.add("inode " + i.ino + " maps file block " + (e.endBlock() - 1) + " past its size " + i.size);
                }
            }
        }
        runs.sort((a, b) -> Long.compare(a.lba(), b.lba()));
        for (int k = 1; k < runs.size(); k++) {
            Run a = runs.get(k - 1);
            Run b = runs.get(k);
            if (a.lba() + a.count() > b.lba()) {
                problems.add("LBA " + b.lba() + " is mapped by inode " + a.ino() + " and inode " + b.ino());
            }
        }
        for (int z = 0; z < sb.zoneCount(); z++) {
            if (valid[z] != st.zoneValid(z)) {
                problems.add("zone " + z + " is accounted " + st.zoneValid(z) + " valid blocks but holds " + valid[z]);
            }
        }
        return runs.size();
    }

    private static void checkTree(MetaState st, List<String> problems, List<String> notes) {
        Map<Long, Integer> refs = new HashMap<>();
        Map<Long, Integer> subdirs = new HashMap<>();
        Map<Long, Long> dirParent = new HashMap<>();
        long maxIno = 0;
        for (Inode i : st.inodes()) {
            maxIno = Math.max(maxIno, i.ino);
            if (i.type != FileType.DIRECTORY && !i.entries.isEmpty()) problems.add("non-directory inode " + i.ino + " has entries");
            if (i.type != FileType.REGULAR && i.extents.size() > 0) problems.add("non-file inode " + i.ino + " has blocks");
            if (i.type == FileType.SYMLINK && (i.symlinkTarget.isEmpty()
                    || i.symlinkTarget.getBytes(StandardCharsets.UTF_8).length != i.size)) {
                problems.add("symlink inode " + i.ino + " has size " + i.size + " for its target");
            }
            for (String x : i.xattrs.keySet()) if (!x.startsWith("user.")) problems.add("inode " + i.ino + " has xattr " + x);
            for (Map.Entry<String, Long> e : i.entries.entrySet()) {
                Inode child = st.get(e.getValue());
                if (child == null) {
                    problems.add("directory " + i.ino + " entry '" + e.getKey() + "' names missing inode " + e.getValue());
                    continue;
                }
                if (e.getKey().isEmpty() || e.getKey().contains("/") || e.getKey().getBytes(StandardCharsets.UTF_8).length > Names.NAME_MAX) {
                    problems.add("directory " + i.ino + " has an invalid name '" + e.getKey() + "'");
                }
                refs.merge(child.ino, 1, Integer::sum);
                if (child.type == FileType.DIRECTORY) {
                    subdirs.merge(i.ino, 1, Integer::sum);
                    if (dirParent.put(child.ino, i.ino) != null) problems.add("directory " + child.ino + " has more than one name");
                }
            }
        }
        if (st.nextIno() <= maxIno) problems.add("next inode number " + st.nextIno() + " is already used");
        for (Inode i : st.inodes()) {
            int r = refs.getOrDefault(i.ino, 0);
            if (i.type == FileType.DIRECTORY) {
                int expect = 2 + subdirs.getOrDefault(i.ino, 0);
                if (i.nlink != expect) problems.add("directory " + i.ino + " has link count " + i.nlink + ", expected " + expect);
                long parent = i.ino == MetaState.ROOT ? MetaState.ROOT : dirParent.getOrDefault(i.ino, -1L);
                if (i.parent != parent) problems.add("directory " + i.ino + " records parent " + i.parent + " but is in " + parent);
                if (i.ino == MetaState.ROOT && r != 0) problems.add("the root directory has a name");
            } else if (i.nlink == 0 && r == 0) {
                notes.add("orphan inode " + i.ino + " (unlinked while open) is freed at the next mount");
            } else if (i.nlink != r) {
                problems.add("inode " + i.ino + " has link count " + i.nlink + " but " + r + " names");
            }
        }
        Set<Long> seen = new HashSet<>();
        ArrayDeque<Long> todo = new ArrayDeque<>();
        todo.add(MetaState.ROOT);
        while (!todo.isEmpty()) {
            Inode d = st.get(todo.poll());
            if (d == null || !seen.add(d.ino)) continue;
            todo.addAll(d.entries.values());
        }
        for (Inode i : st.inodes()) {
            if (!seen.contains(i.ino) && i.nlink > 0) problems.add("inode " + i.ino + " is not reachable from the root");
        }
    }
}
