package org.opencsd.fluffle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's block map: non-overlapping {@link Extent}s sorted by file block; blocks in no extent
 * are holes and read as zeroes. Adjacent extents that continue each other on the device are
 * merged, so a sequentially written file is one extent per zone it crossed.
 *
 * <p>Not thread-safe: the file system's lock guards it.
 */
final class ExtentMap {
    private final TreeMap<Long, Extent> byStart = new TreeMap<>();
    /** The same extents by device LBA, for the garbage collector's "what lives in this zone". */
    private final TreeMap<Long, Extent> byLba = new TreeMap<>();
    private final long zoneSize;
    private long mappedBlocks;

    /** An empty map; extents are never merged across a boundary of {@code zoneSize} LBAs. */
    ExtentMap(long zoneSize) {
        this.zoneSize = zoneSize;
    }

    /** Blocks mapped (not holes). */
    long mappedBlocks() {
        return mappedBlocks;
    }

    /** Every extent, in file order (a live view; do not modify the map while iterating). */
    Collection<Extent> extents() {
        return byStart.values();
    }

    /** Number of extents. */
    int size() {
        return byStart.size();
    }

    /** The extents (clipped) covering file blocks {@code [from, to)}, in order. */
    List<Extent> find(long from, long to) {
        List<Extent> out = new ArrayList<>();
        Map.Entry<Long, Extent> first = byStart.floorEntry(from);
        Long start = first != null && first.getValue().endBlock() > from ? first.getKey() : Long.valueOf(from);
        for (Extent e : byStart.subMap(start, true, to, false).values()) {
            if (e.endBlock() > from) out.add(e.slice(from, to));
        }
        return out;
    }

    /**
     * Unmaps file blocks {@code [from, to)}.
     *
     * @return the extents (clipped) that were removed, so their blocks can be counted as stale
     */
    List<Extent> punch(long from, long to) {
        List<Extent> removed = new ArrayList<>(2);
        Map.Entry<Long, Extent> first = byStart.floorEntry(from);
        if (first != null && first.getValue().endBlock() > from) cut(first.getValue(), from, to, removed);
        Map.Entry<Long, Extent> next = byStart.higherEntry(from);
        while (next != null && next.getKey() < to) {
            Extent e = next.getValue();
            cut(e, from, to, removed);
            next = byStart.higherEntry(e.fileBlock());
        }
        for (Extent e : removed) mappedBlocks -= e.count();
        return removed;
    }

    /** Removes {@code e}'s blocks in {@code [from, to)}, keeping its parts before and after. */
    private void cut(Extent e, long from, long to, List<Extent> removed) {
        removed.add(e.slice(from, to));
        if (e.fileBlock() < from) put(e.slice(e.fileBlock(), from));
        else remove(e);
        if (e.endBlock() > to) put(e.slice(to, e.endBlock()));
    }

    /**
     * Maps {@code e}'s file blocks to its LBAs, replacing what mapped them before.
     *
     * @return the extents that were replaced
     */
    List<Extent> map(Extent e) {
        Extent same = byStart.get(e.fileBlock());
        if (same != null && same.count() == e.count() && !joinsBefore(e) && !joinsAfter(e)) {
            // An overwrite of exactly one extent (every random block write once a file is
            // fragmented): replace it in place, the same result as punch + put without two
            // rebalancing tree updates.
            put(e);
            return List.of(same);
        }
        List<Extent> removed = punch(e.fileBlock(), e.endBlock());
        Extent merged = e;
        if (joinsBefore(e)) {
            Extent b = byStart.lowerEntry(e.fileBlock()).getValue();
            remove(b);
            merged = new Extent(b.fileBlock(), b.lba(), b.count() + e.count());
        }
        if (joinsAfter(e)) {
            Extent after = byStart.get(e.endBlock());
            remove(after);
            merged = new Extent(merged.fileBlock(), merged.lba(), merged.count() + after.count());
        }
        put(merged);
        mappedBlocks += e.count();
        return removed;
    }

    /** Whether the extent ending at {@code e}'s first file block continues onto {@code e}'s LBAs. */
    private boolean joinsBefore(Extent e) {
        Map.Entry<Long, Extent> before = byStart.lowerEntry(e.fileBlock());
        return before != null && before.getValue().endBlock() == e.fileBlock()
                && before.getValue().lbaOf(e.fileBlock()) == e.lba() && sameZone(e.lba() - 1, e.lba());
    }

    /** Whether the extent starting right after {@code e} continues {@code e}'s LBAs. */
    private boolean joinsAfter(Extent e) {
        Extent after = byStart.get(e.endBlock());
        return after != null && after.lba() == e.lba() + e.count() && sameZone(after.lba() - 1, after.lba());
    }

    /** The extents whose first LBA lies in {@code [fromLba, toLba)}. */
    List<Extent> atLbas(long fromLba, long toLba) {
        return new ArrayList<>(byLba.subMap(fromLba, true, toLba, false).values());
    }

    private void put(Extent e) {
        Extent old = byStart.put(e.fileBlock(), e);
        if (old != null) byLba.remove(old.lba());
        byLba.put(e.lba(), e);
    }

    private void remove(Extent e) {
        byStart.remove(e.fileBlock());
        byLba.remove(e.lba());
    }

    private boolean sameZone(long a, long b) {
        return a / zoneSize == b / zoneSize;
    }
}
