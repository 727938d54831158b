package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** ExtentMap against a per-block model, including the in-place overwrite of a whole extent. */
class ExtentMapTest {
    private static final long ZONE = 64;

    @Test
    void overwritingExactlyOneExtentReplacesItInBothIndexes() {
        ExtentMap m = new ExtentMap(ZONE);
        m.map(new Extent(0, 100, 1));
        m.map(new Extent(1, 10, 1));
        m.map(new Extent(2, 200, 1));
        List<Extent> replaced = m.map(new Extent(1, 300, 1));
        assertEquals(List.of(new Extent(1, 10, 1)), replaced);
        assertEquals(List.of(new Extent(0, 100, 1), new Extent(1, 300, 1), new Extent(2, 200, 1)), new ArrayList<>(m.extents()));
        assertEquals(List.of(), m.atLbas(10, 11), "the old LBA no longer maps anything");
        assertEquals(List.of(new Extent(1, 300, 1)), m.atLbas(300, 301));
        assertEquals(3, m.mappedBlocks());
    }

    @Test
    void anOverwriteThatContinuesItsNeighbourStillMerges() {
        ExtentMap m = new ExtentMap(ZONE);
        m.map(new Extent(0, 130, 1));
        m.map(new Extent(1, 10, 1));
        m.map(new Extent(1, 131, 1));                 // continues block 0's LBAs: one extent
        assertEquals(List.of(new Extent(0, 130, 2)), new ArrayList<>(m.extents()));
        assertEquals(List.of(new Extent(0, 130, 2)), m.atLbas(130, 131));
        m.map(new Extent(2, 50, 1));
        m.map(new Extent(3, 51, 1));
        m.map(new Extent(2, 132, 1));                 // joins the extent before, not the one after
        assertEquals(List.of(new Extent(0, 130, 3), new Extent(3, 51, 1)), new ArrayList<>(m.extents()));
    }

    @Test
    void randomMappingsMatchAPerBlockModel() {
        SplittableRandom rnd = new SplittableRandom(11);
        ExtentMap m = new ExtentMap(ZONE);
        TreeMap<Long, Long> model = new TreeMap<>();
        long nextLba = 0;
        for (int i = 0; i < 20_000; i++) {
            long from = rnd.nextLong(200);
            long count = 1 + rnd.nextLong(rnd.nextBoolean() ? 1 : 8);
            if (rnd.nextInt(10) == 0) {
                m.punch(from, from + count);
                for (long b = from; b < from + count; b++) model.remove(b);
                continue;
            }
            if ((nextLba % ZONE) + count > ZONE) nextLba = (nextLba / ZONE + 1) * ZONE;
            m.map(new Extent(from, nextLba, count));
            for (long b = 0; b < count; b++) model.put(from + b, nextLba + b);
            nextLba += count;
        }
        TreeMap<Long, Long> actual = new TreeMap<>();
        Extent previous = null;
        for (Extent e : m.extents()) {
            for (long b = 0; b < e.count(); b++) actual.put(e.fileBlock() + b, e.lba() + b);
            assertEquals(List.of(e), m.atLbas(e.lba(), e.lba() + 1), "the LBA index holds every extent");
            if (previous != null && previous.endBlock() == e.fileBlock() && previous.lba() + previous.count() == e.lba()) {
                assertEquals(0, e.lba() % ZONE, "extents that continue each other are merged unless a zone starts between them");
            }
            previous = e;
        }
        assertEquals(model, actual);
        assertEquals(model.size(), m.mappedBlocks());
    }
}
