package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * Stops the device at every single state-changing command of a 600-operation workload (writes,
 * overwrites, truncates, renames, links, unlinks, xattrs, fsyncs every few operations, two
 * remounts, enough overwrites to make the garbage collector run), then for each stop point:
 * fsck of the crashed image is clean, it mounts, and the tree is exactly the state after some
 * prefix of the operations that is no shorter than the last completed fsync (so everything
 * fsynced is intact and no operation is half-visible), and fsck is clean after the mount.
 */
class CrashConsistencyTest {
    static final int OPS = 600;

    /** The tree after each operation of an uninterrupted run, and the device writes at its end. */
    private record Reference(List<String> trees, List<Long> endWrites, List<Boolean> fsync) {}

    @ParameterizedTest
    @ValueSource(longs = {42, 7})
    void everyStopPointRecoversAPrefixNoShorterThanTheLastFsync(long seed) {
        Reference ref = reference(seed);
        long total = ref.endWrites().getLast();
        assertTrue(total > 200, "the workload makes " + total + " device writes");
        int checked = 0;
        for (long stop = 1; stop <= total; stop++) {
            checkStop(ref, stop, seed);
            checked++;
        }
        System.out.println("crash consistency (seed " + seed + "): " + checked + " stop points checked (every device write of "
                + OPS + " operations)");
        assertEquals(total, checked);
    }

    private static ZonedDevice freshDevice() {
        ZonedDevice d = ZonedDevices.memory(ZoneGeometry.of(10, 4096, 64, 48).withLimits(4, 6).withTransferLimits(16 << 10, 0));
        Formatter.format(d, 1);
        return d;
    }

    private static MountOptions options() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        return new MountOptions(false, 1000, clock::incrementAndGet);
    }

    private static Reference reference(long seed) {
        FaultyDevice dev = new FaultyDevice(freshDevice(), 0);
        List<String> trees = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Boolean> syncs = new ArrayList<>();
        FluffleFs[] fs = {FluffleFs.mount(dev, options(), false)};
        trees.add(TreeDescriber.describe(fs[0]));
        ends.add(dev.writes());
        syncs.add(true);
        Workload w = new Workload(seed);
        for (int i = 0; i < OPS; i++) {
            boolean synced = w.step(i, fs, dev);
            trees.add(TreeDescriber.describe(fs[0]));
            ends.add(dev.writes());
            syncs.add(synced);
        }
        FsStats st = fs[0].stats();
        fs[0].close();
        System.out.println("crash workload: " + dev.writes() + " device writes; since the last mount the GC reclaimed "
                + st.zonesReclaimed() + " zones");
        return new Reference(trees, ends, syncs);
    }

    private static void checkStop(Reference ref, long stop, long seed) {
        ZonedDevice inner = freshDevice();
        FaultyDevice dev = new FaultyDevice(inner, stop);
        FluffleFs[] fs = new FluffleFs[1];
        int op = -1;
        try {
            fs[0] = FluffleFs.mount(dev, options(), false);
            Workload w = new Workload(seed);
            for (op = 0; op < OPS; op++) w.step(op, fs, dev);
            fail("stop " + stop + " was never reached");
        } catch (RuntimeException e) {
            if (!dev.stopped()) throw e;
        }
        int interrupted = op + 1; // index in trees of the state after the interrupted operation
        int durable = 0;
        for (int k = 0; k < ref.trees().size(); k++) {
            if (ref.fsync().get(k) && ref.endWrites().get(k) < stop) durable = k;
        }
        FsckReport before = Fsck.check(inner);
        assertTrue(before.clean(), "stop " + stop + ": fsck of the crashed image: " + before.problems());
        FluffleFs after = FluffleFs.mount(inner, options(), false);
        String tree = TreeDescriber.describe(after);
        boolean matched = false;
        for (int k = durable; k <= interrupted && !matched; k++) matched = ref.trees().get(k).equals(tree);
        if (!matched) {
            fail("stop " + stop + " (in op " + op + ", durable prefix " + durable + "): recovered tree matches no state from "
                    + durable + " to " + interrupted + ":\n" + tree + "\nlast durable:\n" + ref.trees().get(durable));
        }
        after.close();
        FsckReport r = Fsck.check(inner);
        assertTrue(r.clean(), "stop " + stop + ": fsck after mount: " + r.problems());
    }

    /** The deterministic workload: the same operations on every run, one file system operation per step. */
    private static final class Workload {
        private final Random rnd;

        Workload(long seed) {
            rnd = new Random(seed);
        }

        /** Runs operation {@code i}; true when it ended with an fsync (or a clean remount). */
        boolean step(int i, FluffleFs[] fs, FaultyDevice dev) {
            PathView p = new PathView(fs[0], Credentials.ROOT);
            if (i == 0) {
                p.mkdir("/d", 0755);
                return false;
            }
            if (i == 200 || i == 400) {
                fs[0].close();
                fs[0] = FluffleFs.mount(dev, options(), false);
                return true;
            }
            if (i < 300 ? i % 4 == 0 : i % 25 == 0) {
                fs[0].fsync(FluffleFs.ROOT, false);
                return true;
            }
            String f = (rnd.nextBoolean() ? "/d/f" : "/g") + rnd.nextInt(4);
            String g = (rnd.nextBoolean() ? "/d/f" : "/g") + rnd.nextInt(4);
            try {
                switch (rnd.nextInt(10)) {
                    case 0, 1, 2, 3 -> {
                        if (rnd.nextInt(3) == 0) {
                            tryCreate(p, f);
                            return false;
                        }
                        p.write(f, rnd.nextInt(24) * 4096L + rnd.nextInt(2) * rnd.nextInt(4096),
                                TestDevices.pattern(i, 1 + rnd.nextInt(40_000)));
                    }
                    case 4 -> p.truncate(f, rnd.nextInt(50_000));
                    case 5 -> p.rename(f, g);
                    case 6 -> p.unlink(f);
                    case 7 -> p.link(f, g);
                    case 8 -> fs[0].setxattr(p.resolve(f), "user.k" + rnd.nextInt(3), TestDevices.pattern(i, 10), XattrMode.ANY);
                    default -> tryCreate(p, f);
                }
            } catch (FsException e) {
                if (e.errno() == FsErrno.EIO) throw e;
            }
            return false;
        }

        private static void tryCreate(PathView p, String f) {
            try {
                p.create(f, 0644);
            } catch (FsException e) {
                if (e.errno() != FsErrno.EEXIST) throw e;
            }
        }
    }
}
