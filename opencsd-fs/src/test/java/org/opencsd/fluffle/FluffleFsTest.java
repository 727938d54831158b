package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opencsd.zns.ZonedDevice;

class FluffleFsTest {
    private ZonedDevice dev;
    private FluffleFs fs;
    private PathView p;

    @BeforeEach
    void setUp() {
        dev = TestDevices.formatted(16, 256);
        fs = TestDevices.mount(dev);
        p = new PathView(fs, new Credentials(1000, 100));
    }

    @AfterEach
    void tearDown() {
        fs.close();
    }

    private void remount() {
        fs.close();
        fs = TestDevices.mount(dev);
        p = new PathView(fs, new Credentials(1000, 100));
    }

    private static void errno(FsErrno expected, Executable e) {
        FsException x = assertThrows(FsException.class, e);
        assertEquals(expected, x.errno(), x.getMessage());
    }

    @Test
    void writesAtAnyOffsetReadBackAndSurviveRemount() {
        p.create("/f", 0644);
        byte[] a = TestDevices.pattern(1, 10_000);
        assertEquals(10_000, p.write("/f", 3, a));
        byte[] b = TestDevices.pattern(2, 5000);
        p.write("/f", 4000, b);
        byte[] expect = new byte[10_003];
        System.arraycopy(a, 0, expect, 3, a.length);
        System.arraycopy(b, 0, expect, 4000, b.length);
        assertArrayEquals(expect, p.readAll("/f"));
        remount();
        assertArrayEquals(expect, p.readAll("/f"));
        assertEquals(10_003, p.stat("/f").size());
    }

    @Test
    void holesReadAsZeroesAndHugeSparseTruncateWorks() {
        p.create("/s", 0600);
        p.write("/s", 1 << 20, new byte[] {7});
        byte[] all = p.readAll("/s");
        assertEquals((1 << 20) + 1, all.length);
        for (int i = 0; i < 1 << 20; i++) if (all[i] != 0) throw new AssertionError("byte " + i);
        assertEquals(7, all[1 << 20]);
        assertEquals(8, p.stat("/s").blocks());
        p.truncate("/s", 999_999_999_999_999L);
        assertEquals(999_999_999_999_999L, p.stat("/s").size());
        ByteBuffer tail = ByteBuffer.allocate(100);
        assertEquals(100, fs.read(p.resolve("/s"), 999_999_999_999_000L, tail));
        assertArrayEquals(new byte[100], tail.array());
        errno(FsErrno.EFBIG, () -> p.truncate("/s", FluffleFs.MAX_FILE_SIZE + 1));
        remount();
        assertEquals(999_999_999_999_999L, p.stat("/s").size());
    }

    @Test
    void shrinkThenGrowReadsZeroes() {
        p.create("/t", 0644);
        p.write("/t", 0, TestDevices.pattern(3, 9000));
        p.truncate("/t", 5000);
        p.truncate("/t", 9000);
        byte[] back = p.readAll("/t");
        byte[] src = TestDevices.pattern(3, 9000);
        for (int i = 0; i < 5000; i++) assertEquals(src[i], back[i]);
        for (int i = 5000; i < 9000; i++) assertEquals(0, back[i], "byte " + i);
        p.write("/t", 12_000, new byte[] {1});
        assertEquals(0, p.readAll("/t")[11_999]);
    }

    @Test
    void punchHoleUnmapsWholeBlocksZeroesPartialOnesAndKeepsTheSize() {
        int b = Superblock.BLOCK;
        p.create("/p", 0644);
        byte[] src = TestDevices.pattern(4, 10 * b + 100);
        p.write("/p", 0, src);
        assertEquals(11 * 8, p.stat("/p").blocks());
        long ino = p.resolve("/p");
        fs.punchHole(ino, 1000, 5L * b + 300);  // part of block 0, blocks 1-4 whole, part of block 5
        fs.punchHole(ino, 9L * b, 1L << 40);     // block 9 and the tail, clipped to the size
        fs.punchHole(ino, 1L << 41, 1L << 42);   // past the end: nothing
        byte[] want = src.clone();
        Arrays.fill(want, 1000, 5 * b + 300, (byte) 0);
        Arrays.fill(want, 9 * b, want.length, (byte) 0);
        for (int round = 0; round < 2; round++) {
            assertArrayEquals(want, p.readAll("/p"));
            assertEquals(10 * b + 100, p.stat("/p").size());
            assertEquals((11 - 4 - 1) * 8, p.stat("/p").blocks(), "blocks 1-4 and 9 unmapped; 0, 5 and 10 rewritten");
            remount();
        }
        fs.punchHole(p.resolve("/p"), 2L * b, 3L * b);  // already a hole: stays one, nothing written
        assertEquals((11 - 4 - 1) * 8, p.stat("/p").blocks());
        errno(FsErrno.EINVAL, () -> fs.punchHole(p.resolve("/p"), -1, 5));
        p.mkdir("/dir", 0755);
        errno(FsErrno.EISDIR, () -> fs.punchHole(p.resolve("/dir"), 0, 5));
    }

    @Test
    void namespaceErrors() {
        p.mkdir("/d", 0755);
        p.create("/d/f", 0644);
        errno(FsErrno.EEXIST, () -> p.create("/d/f", 0644));
        errno(FsErrno.EEXIST, () -> p.mkdir("/d", 0755));
        errno(FsErrno.ENOENT, () -> p.stat("/nope"));
        errno(FsErrno.ENOTDIR, () -> p.create("/d/f/x", 0644));
        errno(FsErrno.ENOTEMPTY, () -> p.rmdir("/d"));
        errno(FsErrno.ENOTDIR, () -> p.rmdir("/d/f"));
        errno(FsErrno.EISDIR, () -> p.unlink("/d"));
        errno(FsErrno.ENAMETOOLONG, () -> p.create("/" + "x".repeat(256), 0644));
        p.create("/" + "x".repeat(255), 0644);
        errno(FsErrno.EPERM, () -> p.link("/d", "/d2"));
        errno(FsErrno.EISDIR, () -> fs.write(p.resolve("/d"), 0, ByteBuffer.allocate(1)));
        errno(FsErrno.EINVAL, () -> p.rename("/d", "/d/sub"));
        errno(FsErrno.EINVAL, () -> fs.rmdir(FluffleFs.ROOT, "."));
        errno(FsErrno.ENOTEMPTY, () -> fs.rmdir(FluffleFs.ROOT, ".."));
    }

    @Test
    void exchangeSwapsADirectoryAndAFileAcrossParents() {
        p.mkdir("/a", 0755);
        p.mkdir("/a/d", 0755);
        p.create("/a/d/inner", 0644);
        p.mkdir("/b", 0755);
        p.create("/b/f", 0644);
        p.write("/b/f", 0, new byte[] {9});
        long dir = p.resolve("/a/d");
        p.exchange("/a/d", "/b/f");
        for (int round = 0; round < 2; round++) {
            assertArrayEquals(new byte[] {9}, p.readAll("/a/d"));
            assertEquals(dir, p.resolve("/b/f"));
            assertEquals(List.of("inner"), p.list("/b/f"));
            assertEquals(p.resolve("/b"), fs.lookup(dir, "..").ino());
            assertEquals(2, p.stat("/a").nlink(), "a lost its subdirectory");
            assertEquals(3, p.stat("/b").nlink(), "b gained one");
            remount();
        }
        errno(FsErrno.ENOENT, () -> p.exchange("/a/d", "/b/none"));
        errno(FsErrno.EINVAL, () -> p.exchange("/b", "/b/f/inner"));
        p.exchange("/a/d", "/a/d");
        fs.close();
        FsckReport r = Fsck.check(dev);
        assertTrue(r.clean(), r.problems().toString());
        fs = TestDevices.mount(dev);
    }

    @Test
    void renameRules() {
        p.mkdir("/a", 0755);
        p.mkdir("/b", 0755);
        p.create("/a/f", 0644);
        p.create("/b/g", 0644);
        p.write("/a/f", 0, new byte[] {1, 2, 3});
        p.rename("/a/f", "/b/g");
        assertArrayEquals(new byte[] {1, 2, 3}, p.readAll("/b/g"));
        errno(FsErrno.ENOENT, () -> p.stat("/a/f"));
        errno(FsErrno.EISDIR, () -> p.rename("/b/g", "/a"));
        errno(FsErrno.ENOTDIR, () -> p.rename("/a", "/b/g"));
        p.mkdir("/b/sub", 0755);
        p.create("/b/sub/x", 0644);
        errno(FsErrno.ENOTEMPTY, () -> p.rename("/a", "/b/sub"));
        assertEquals(3, p.stat("/b").nlink());
        p.rename("/a", "/b/a");
        assertEquals(2, p.stat("/").nlink() - 1);
        assertEquals(4, p.stat("/b").nlink());
        assertEquals(p.resolve("/b"), fs.lookup(p.resolve("/b/a"), "..").ino());
        p.mkdir("/e", 0755);
        p.rename("/e", "/b/a");
        assertEquals(4, p.stat("/b").nlink());
        remount();
        assertEquals(4, p.stat("/b").nlink());
        assertEquals(List.of("a", "g", "sub"), p.list("/b"));
    }

    @Test
    void readdirHasRealInodeNumbers() {
        p.mkdir("/d", 0755);
        long f = p.create("/d/f", 0644).ino();
        List<DirEntry> es = fs.readdir(p.resolve("/d"));
        assertEquals(new DirEntry(".", p.resolve("/d"), FileType.DIRECTORY), es.get(0));
        assertEquals(new DirEntry("..", FluffleFs.ROOT, FileType.DIRECTORY), es.get(1));
        assertEquals(new DirEntry("f", f, FileType.REGULAR), es.get(2));
    }

    @Test
    void hardLinksSymlinksAndUnlinkOfOpenFiles() {
        p.create("/f", 0644);
        p.write("/f", 0, new byte[] {9});
        p.link("/f", "/g");
        assertEquals(2, p.stat("/f").nlink());
        p.symlink("/g", "/s");
        assertEquals("/g", p.readlink("/s"));
        assertArrayEquals(new byte[] {9}, p.readAll("/s"));
        assertEquals(FileType.SYMLINK, p.lstat("/s").type());
        long ino = p.resolve("/f");
        long fh = fs.open(ino);
        p.unlink("/f");
        p.unlink("/g");
        errno(FsErrno.ENOENT, () -> p.stat("/g"));
        ByteBuffer b = ByteBuffer.allocate(1);
        fs.read(ino, 0, b);
        assertEquals(9, b.get(0));
        assertEquals(0, fs.getattr(ino).nlink());
        fs.release(fh);
        errno(FsErrno.ENOENT, () -> fs.getattr(ino));
        errno(FsErrno.EBADF, () -> fs.release(fh));
    }

    @Test
    void orphansAreFreedAtMount() {
        long ino = p.create("/f", 0644).ino();
        p.write("/f", 0, new byte[8192]);
        fs.open(ino);
        p.unlink("/f");
        fs.sync();
        remount();
        errno(FsErrno.ENOENT, () -> fs.getattr(ino));
        assertTrue(Fsck.check(dev).clean());
    }

    @Test
    void unprivilegedWriteAndKillSetIdClearSetUidAndGroupExecutableSetGid() {
        long suid = p.create("/suid", 0644).ino();
        long both = p.create("/both", 0644).ino();
        long lockMarker = p.create("/lock", 0644).ino();
        fs.chmod(suid, 04755);
        fs.chmod(both, 06775);
        fs.chmod(lockMarker, 02664); // set-gid without group-execute: not a privilege, kept
        ByteBuffer x = ByteBuffer.wrap(new byte[] {1});
        assertEquals(1, fs.write(suid, 0, x.duplicate(), false));
        assertEquals(04755, fs.getattr(suid).mode(), "a privileged write keeps the bits");
        assertEquals(1, fs.write(suid, 0, x.duplicate(), true));
        assertEquals(0755, fs.getattr(suid).mode());
        assertEquals(1, fs.write(both, 0, x.duplicate(), true));
        assertEquals(0775, fs.getattr(both).mode());
        assertEquals(02664, fs.write(lockMarker, 0, x.duplicate(), true) == 1 ? fs.getattr(lockMarker).mode() : -1);
        long dir = p.mkdir("/d", 0755).ino();
        fs.chmod(dir, 02775);
        assertFalse(fs.killSetId(dir));
        assertEquals(02775, fs.getattr(dir).mode(), "directories keep set-gid (inheritance)");
        fs.chmod(both, 06775);
        assertTrue(fs.killSetId(both));
        assertEquals(0775, fs.getattr(both).mode());
        assertFalse(fs.killSetId(both), "nothing left to clear");
        remount();
        assertEquals(0755, fs.getattr(suid).mode());
        assertEquals(0775, fs.getattr(both).mode());
        assertEquals(02664, fs.getattr(lockMarker).mode());
    }

    @Test
    void anUnprivilegedWriteTellsTheListenerOnlyWhenItClearedBitsAndAfterReleasingTheLock() throws Exception {
        long suid = p.create("/s", 0644).ino();
        long plain = p.create("/p", 0644).ino();
        fs.chmod(suid, 04755);
        List<Long> told = new CopyOnWriteArrayList<>();
        ByteBuffer x = ByteBuffer.wrap(new byte[] {1});
        assertEquals(1, fs.write(suid, 0, x.duplicate(), told::add));
        assertEquals(List.of(suid), told);
        assertEquals(1, fs.write(suid, 1, x.duplicate(), told::add), "nothing left to clear");
        assertEquals(1, fs.write(plain, 0, x.duplicate(), told::add), "no set-id bits");
        assertEquals(1, fs.write(suid, 2, x.duplicate(), (LongConsumer) null), "privileged");
        assertEquals(List.of(suid), told);

        fs.chmod(suid, 04755);
        int[] seenByAnotherThread = {-1};
        fs.write(suid, 0, x.duplicate(), ino -> seenByAnotherThread[0] = CompletableFuture
                .supplyAsync(() -> fs.getattr(ino).mode()).orTimeout(10, TimeUnit.SECONDS).join());
        assertEquals(0755, seenByAnotherThread[0], "the listener runs with the lock released and the bits cleared");

        fs.chmod(suid, 04755);
        told.clear();
        assertThrows(FsException.class, () -> fs.write(suid, FluffleFs.MAX_FILE_SIZE, x.duplicate(), told::add));
        assertEquals(List.of(suid), told, "the bits stay cleared when the data write fails, and the listener hears it");
        assertEquals(0755, fs.getattr(suid).mode());
    }

    @Test
    void attributesPersist() {
        long ino = p.create("/f", 0640).ino();
        fs.chmod(ino, 04711);
        fs.chown(ino, 7, 8);
        fs.utimens(ino, 1_000_000_123L, 2_000_000_456L);
        remount();
        Attr a = fs.getattr(ino);
        assertEquals(04711, a.mode());
        assertEquals(0104711, a.stMode());
        assertEquals(7, a.uid());
        assertEquals(8, a.gid());
        assertEquals(1_000_000_123L, a.atimeNanos());
        assertEquals(2_000_000_456L, a.mtimeNanos());
        Attr b = fs.chown(ino, -1, 9);
        assertEquals(7, b.uid());
        assertEquals(9, b.gid());
        assertEquals(1000, p.create("/g", 0644).uid());
    }

    @Test
    void xattrSemantics() {
        long ino = p.create("/f", 0644).ino();
        fs.setxattr(ino, "user.a", new byte[] {1}, XattrMode.CREATE);
        errno(FsErrno.EEXIST, () -> fs.setxattr(ino, "user.a", new byte[] {2}, XattrMode.CREATE));
        errno(FsErrno.ENODATA, () -> fs.setxattr(ino, "user.b", new byte[] {2}, XattrMode.REPLACE));
        fs.setxattr(ino, "user.a", new byte[] {3}, XattrMode.REPLACE);
        errno(FsErrno.ENOTSUP, () -> fs.setxattr(ino, "trusted.x", new byte[0], XattrMode.ANY));
        errno(FsErrno.ENODATA, () -> fs.getxattr(ino, "user.zz"));
        errno(FsErrno.ENODATA, () -> fs.removexattr(ino, "user.zz"));
        fs.setxattr(ino, "user.b", new byte[0], XattrMode.ANY);
        remount();
        assertArrayEquals(new byte[] {3}, fs.getxattr(ino, "user.a"));
        assertEquals(List.of("user.a", "user.b"), fs.listxattr(ino));
        fs.removexattr(ino, "user.a");
        assertEquals(List.of("user.b"), fs.listxattr(ino));
    }

    @Test
    void statfsCountsLiveBlocks() {
        StatFs before = fs.statfs();
        p.create("/f", 0644);
        p.write("/f", 0, new byte[40960]);
        StatFs after = fs.statfs();
        assertEquals(before.freeBlocks() - 10, after.freeBlocks());
        assertEquals(255, after.maxNameLength());
    }

    @Test
    void snapshotsKeepTheirViewAndPinZones() {
        long ino = p.create("/f", 0644).ino();
        byte[] old = TestDevices.pattern(5, 20_000);
        p.write("/f", 0, old);
        try (Snapshot s = fs.snapshot(ino)) {
            p.write("/f", 0, TestDevices.pattern(6, 20_000));
            p.truncate("/f", 10);
            ByteBuffer b = ByteBuffer.allocate(20_000);
            assertEquals(20_000, s.read(0, b));
            assertArrayEquals(old, b.array());
            long[] lbas = s.lbas(4096, 8192);
            assertEquals(2, lbas.length);
            assertTrue(s.contains(lbas[0]));
            assertFalse(s.contains(0));
        }
    }

    @Test
    void staysWithinAnActiveLimitOfThreeAndAnOpenLimitOfTwo() {
        ZonedDevice tight = org.opencsd.zns.ZonedDevices.memory(
                org.opencsd.zns.ZoneGeometry.of(12, 4096, 64, 40).withLimits(2, 3));
        FluffleFs.format(tight);
        FluffleFs f = TestDevices.mount(tight);
        long ino = f.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
        java.util.Random rnd = new java.util.Random(3);
        for (int i = 0; i < 3000; i++) {
            f.write(ino, rnd.nextInt(120) * 4096L, ByteBuffer.wrap(TestDevices.pattern(i, 4096)));
            if (i % 700 == 0) {
                f.close();
                f = TestDevices.mount(tight);
            }
        }
        assertTrue(f.stats().zonesReclaimed() > 0);
        f.close();
        assertTrue(Fsck.check(tight).clean());
    }

    @Test
    void mountRefusesUnformattedAndForeignDevicesWithoutChangingThem() {
        ZonedDevice blank = org.opencsd.zns.ZonedDevices.memory(TestDevices.geometry(16, 256));
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> TestDevices.mount(blank));
        assertTrue(e.getMessage().startsWith("not formatted"), e.getMessage());
        assertEquals(0, blank.stats().bytesWritten() + blank.stats().bytesAppended());
        blank.append(0, new byte[4096]);
        e = assertThrows(ImageFormatException.class, () -> TestDevices.mount(blank));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }
}
