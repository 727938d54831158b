package org.opencsd.csd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The LBAs one execution may touch: {@code bpf_read} succeeds only when every LBA it covers is in
 * a granted range, {@code bpf_write} (zone append) only when the whole zone is granted
 * {@link LbaRange.Access#READ_WRITE}. Anything else fails the helper before the device is reached.
 * Ranges may be given in any order and may overlap; lookups are binary searches over the merged
 * ranges. Immutable; thread-safe.
 */
public final class LbaGrant {
    private static final LbaGrant NONE = new LbaGrant(List.of());

    private final List<LbaRange> ranges;
    private final long[] readStart;
    private final long[] readEnd;
    private final long[] writeStart;
    private final long[] writeEnd;
    private final long lbaCount;

    private LbaGrant(List<LbaRange> ranges) {
        this.ranges = List.copyOf(ranges);
        long[][] r = merge(this.ranges, false);
        long[][] w = merge(this.ranges, true);
        readStart = r[0];
        readEnd = r[1];
        writeStart = w[0];
        writeEnd = w[1];
        long n = 0;
        for (int i = 0; i < readStart.length; i++) n += readEnd[i] - readStart[i];
        lbaCount = n;
    }

    /** A grant of {@code ranges}. */
    public static LbaGrant of(List<LbaRange> ranges) {
        return ranges.isEmpty() ? NONE : new LbaGrant(ranges);
    }

    /** A grant of {@code ranges}. */
    public static LbaGrant of(LbaRange... ranges) {
        return of(List.of(ranges));
    }

    /** No LBAs at all: every read and write fails. */
    public static LbaGrant none() {
        return NONE;
    }

    /** The ranges as given. */
    public List<LbaRange> ranges() {
        return ranges;
    }

    /** Number of distinct LBAs granted. */
    public long lbaCount() {
        return lbaCount;
    }

    /** Whether every LBA of {@code [first, first + count)} may be read. */
    public boolean canRead(long first, long count) {
        return covered(readStart, readEnd, first, count);
    }

    /** Whether every LBA of {@code [first, first + count)} is granted for writing. */
    public boolean canWrite(long first, long count) {
        return covered(writeStart, writeEnd, first, count);
    }

    /** The granted LBAs in ascending order, each once (for building a call context). */
    public long[] lbas() {
        long[] out = new long[Math.toIntExact(lbaCount)];
        int k = 0;
        for (int i = 0; i < readStart.length; i++) {
            for (long lba = readStart[i]; lba < readEnd[i]; lba++) out[k++] = lba;
        }
        return out;
    }

    private static boolean covered(long[] start, long[] end, long first, long count) {
        if (count <= 0 || first < 0 || first > Long.MAX_VALUE - count) return false;
        int lo = 0, hi = start.length - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (start[mid] <= first) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found >= 0 && first + count <= end[found];
    }

    /** Sorted, merged [start, end) intervals of the ranges (only READ_WRITE ones when {@code writable}). */
    private static long[][] merge(List<LbaRange> ranges, boolean writable) {
        List<LbaRange> sorted = new ArrayList<>();
        for (LbaRange r : ranges) {
            if (!writable || r.access() == LbaRange.Access.READ_WRITE) sorted.add(r);
        }
        sorted.sort(Comparator.comparingLong(LbaRange::first));
        List<long[]> merged = new ArrayList<>();
        for (LbaRange r : sorted) {
            long[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && r.first() <= last[1]) {
                last[1] = Math.max(last[1], r.end());
            } else {
                merged.add(new long[] {r.first(), r.end()});
            }
        }
        long[][] out = new long[2][merged.size()];
        for (int i = 0; i < merged.size(); i++) {
            out[0][i] = merged.get(i)[0];
            out[1][i] = merged.get(i)[1];
        }
        return out;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
