package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencsd.zns.ZonedDevice;

/** Garbage collection under sustained random overwrites at high utilisation, and honest ENOSPC. */
class GarbageCollectionTest {
    private static final int B = 4096;

    @Test
    void randomOverwritesAtNinetyPercentNeverRunOutOfSpaceAndLoseNothing() {
        ZonedDevice dev = TestDevices.formatted(24, 256);
        FluffleFs fs = TestDevices.mount(dev);
        long usable = fs.statfs().totalBlocks();
        int blocks = (int) (usable * 9 / 10);
        long ino = fs.create(FluffleFs.ROOT, "big", 0644, Credentials.ROOT).ino();
        int[] version = new int[blocks];
        for (int b = 0; b < blocks; b++) fs.write(ino, (long) b * B, ByteBuffer.wrap(block(b, 0)));
        Random rnd = new Random(7);
        long deviceBlocks = (long) dev.geometry().zoneCount() * dev.geometry().zoneCapacity();
        long overwrites = deviceBlocks * 6;
        FsStats before = fs.stats();
        for (long i = 0; i < overwrites; i++) {
            int b = rnd.nextInt(blocks);
            version[b]++;
            fs.write(ino, (long) b * B, ByteBuffer.wrap(block(b, version[b])));
            if (i % 5000 == 0) fs.fsync(ino, false);
        }
        FsStats after = fs.stats();
        double wa = (double) (after.deviceBytesWritten() - before.deviceBytesWritten())
                / ((after.userBytesWritten() - before.userBytesWritten()));
        double meta = (double) (after.metadataBytesWritten() - before.metadataBytesWritten())
                / (after.userBytesWritten() - before.userBytesWritten());
        System.out.printf("GC at 90%% utilisation: %d random 4 KiB overwrites (%.1fx the device), write amplification %.2f "
                + "(of which metadata %.2f), %d blocks moved, %d zones reclaimed%n", overwrites, (double) overwrites / deviceBlocks,
                wa, meta, after.gcBlocksMoved(), after.zonesReclaimed());
        assertTrue(after.zonesReclaimed() > 100, "the collector did the reclaiming");
        verify(fs, ino, version);
        fs.close();
        fs = TestDevices.mount(dev);
        verify(fs, ino, version);
        fs.close();
        FsckReport r = Fsck.check(dev);
        assertTrue(r.clean(), r.problems().toString());
    }

    @Test
    void enospcOnlyWhenLiveDataFillsTheDeviceAndSpaceComesBack() {
        ZonedDevice dev = TestDevices.formatted(12, 64);
        FluffleFs fs = TestDevices.mount(dev);
        long total = fs.statfs().totalBlocks();
        long ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
        long written = 0;
        while (true) {
            try {
                fs.write(ino, written * B, ByteBuffer.wrap(block((int) written, 0)));
                written++;
            } catch (FsException e) {
                assertEquals(FsErrno.ENOSPC, e.errno());
                break;
            }
        }
        assertEquals(total, written, "every block statfs promised could be written");
        assertEquals(0, fs.statfs().freeBlocks());
        fs.truncate(ino, written * B / 2);
        long more = fs.create(FluffleFs.ROOT, "g", 0644, Credentials.ROOT).ino();
        for (int b = 0; b < written / 3; b++) fs.write(more, (long) b * B, ByteBuffer.wrap(block(b, 1)));
        for (int b = 0; b < written / 2; b++) {
            ByteBuffer got = ByteBuffer.allocate(B);
            fs.read(ino, (long) b * B, got);
            assertArrayEquals(block(b, 0), got.array());
        }
        FsException full = assertThrows(FsException.class, () -> fs.write(more, 0, ByteBuffer.allocate((int) (total * B))));
        assertEquals(FsErrno.ENOSPC, full.errno());
        fs.close();
        assertTrue(Fsck.check(dev).clean());
    }

    @Test
    void theBackgroundThreadReclaimsZonesADeletedFileLeftAndKeepsTheRest() throws InterruptedException {
        ZonedDevice dev = TestDevices.formatted(16, 64);
        FluffleFs fs = FluffleFs.mount(dev, MountOptions.defaults(), false);
        try {
            int freeAtStart = fs.stats().freeZones();
            long keep = fs.create(FluffleFs.ROOT, "keep", 0644, Credentials.ROOT).ino();
            byte[] kept = TestDevices.pattern(5, 10 * B);
            fs.write(keep, 0, ByteBuffer.wrap(kept));
            long gone = fs.create(FluffleFs.ROOT, "gone", 0644, Credentials.ROOT).ino();
            fs.write(gone, 0, ByteBuffer.wrap(new byte[4 * 64 * B]));
            fs.fsync(gone, false);
            int freeAfterWrites = fs.stats().freeZones();
            assertTrue(freeAfterWrites <= freeAtStart - 4, "the files took at least four zones");
            fs.unlink(FluffleFs.ROOT, "gone");
            long deadline = System.nanoTime() + 60_000_000_000L; // an upper bound for a loaded machine, not a timing claim
            while (fs.stats().freeZones() < freeAfterWrites + 3 && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(fs.stats().freeZones() >= freeAfterWrites + 3,
                    "without any further write, the zones holding only the deleted file are reset: " + fs.stats());
            byte[] back = new byte[kept.length];
            assertEquals(kept.length, fs.read(keep, 0, ByteBuffer.wrap(back)));
            assertArrayEquals(kept, back);
        } finally {
            fs.close();
        }
        try (FluffleFs again = TestDevices.mount(dev)) {
            byte[] back = new byte[10 * B];
            again.read(again.lookup(FluffleFs.ROOT, "keep").ino(), 0, ByteBuffer.wrap(back));
            assertArrayEquals(TestDevices.pattern(5, 10 * B), back);
        }
        assertTrue(Fsck.check(dev).clean());
    }

    @Test
    void theDeadZonesOfADeletedFileAreResetAfterOneSync() {
        FaultyDevice dev = new FaultyDevice(TestDevices.formatted(16, 64), 0);
        FluffleFs fs = TestDevices.mount(dev);
        long ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
        for (int b = 0; b < 48 * 5; b++) fs.write(ino, (long) b * B, ByteBuffer.wrap(block(b, 0)));
        fs.unlink(FluffleFs.ROOT, "f");
        fs.sync();
        long flushes = dev.flushes(), reclaimed = fs.stats().zonesReclaimed();
        int n = fs.reclaimDeadZones();
        assertTrue(n >= 4, n + " dead zones reset (a file of 5 zones' worth)");
        assertEquals(reclaimed + n, fs.stats().zonesReclaimed());
        assertEquals(flushes + 1, dev.flushes(), "one sync for all of them");
        assertEquals(0, fs.reclaimDeadZones(), "none left");
        fs.close();
        assertTrue(Fsck.check(dev).clean());
    }

    @Test
    void snapshotsStayReadableWhileTheCollectorRunsAndReleaseTheirZones() {
        ZonedDevice dev = TestDevices.formatted(16, 64);
        FluffleFs fs = TestDevices.mount(dev);
        long ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
        int blocks = 40;
        for (int b = 0; b < blocks; b++) fs.write(ino, (long) b * B, ByteBuffer.wrap(block(b, 0)));
        Snapshot snap = fs.snapshot(ino);
        long before = fs.stats().zonesReclaimed();
        Random rnd = new Random(1);
        for (int i = 0; i < 3000; i++) {
            int b = rnd.nextInt(blocks);
            fs.write(ino, (long) b * B, ByteBuffer.wrap(block(b, i + 1)));
        }
        assertTrue(fs.stats().zonesReclaimed() - before > 20, "the collector ran");
        ByteBuffer got = ByteBuffer.allocate(B);
        for (int b = 0; b < blocks; b++) {
            got.clear();
            snap.read((long) b * B, got);
            assertArrayEquals(block(b, 0), got.array(), "snapshot block " + b);
        }
        long[] lbas = snap.lbas(0, (long) blocks * B);
        snap.close();
        for (int i = 0; i < 3000; i++) {
            int b = rnd.nextInt(blocks);
            fs.write(ino, (long) b * B, ByteBuffer.wrap(block(b, 5000 + i)));
        }
        for (int b = 0; b < blocks; b++) {
            assertFalse(java.util.Arrays.equals(block(b, 0), dev.read(lbas[b], 1)), "the zone of released block " + b + " was reclaimed");
        }
        fs.close();
        assertTrue(Fsck.check(dev).clean());
    }

    private static byte[] block(int b, int version) {
        return TestDevices.pattern((long) b * 1_000_003L + version, B);
    }

    private static void verify(FluffleFs fs, long ino, int[] version) {
        ByteBuffer got = ByteBuffer.allocate(B);
        for (int b = 0; b < version.length; b++) {
            got.clear();
            assertEquals(B, fs.read(ino, (long) b * B, got));
            assertArrayEquals(block(b, version[b]), got.array(), "block " + b);
        }
    }
}
