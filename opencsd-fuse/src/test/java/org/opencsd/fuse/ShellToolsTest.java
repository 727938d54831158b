package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordinary programs (coreutils, findutils, tar, attr, util-linux) on the mounted filesystem. */
class ShellToolsTest {
    @TempDir
    static Path tmp;
    static MountedMemoryFs mounted;
    static Path root;

    @BeforeAll
    static void mount() throws Exception {
        mounted = MountedMemoryFs.mount(tmp);
        root = mounted.root;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted != null) mounted.close();
    }

    private static String ok(String script) throws Exception {
        return FuseTestSupport.shOk(root, script);
    }

    private static void tree(Path at) throws Exception {
        FuseTestSupport.randomTree(at, 42, 20, 200_000);
    }

    @Test
    void cpMvLnAndRmRecursive() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("src1"));
        tree(outside);
        ok("cp -a " + outside + " tree && cp tree/sub/f0 copy0 && cmp tree/sub/f0 " + outside + "/sub/f0");
        ok("diff -r " + outside + " tree");
        ok("mv tree/sub/deeper moved && test ! -e tree/sub/deeper && test -f moved/f1");
        ok("ln moved/f1 hardlink && ln -s moved/f3 softlink && cmp hardlink moved/f1 && cmp softlink moved/f3");
        assertEquals("2", ok("stat -c %h hardlink").trim());
        assertEquals("symbolic link", ok("stat -c %F softlink").trim());
        assertEquals("moved/f3", ok("readlink softlink").trim());
        ok("rm -r tree moved hardlink softlink copy0");
        assertEquals("", ok("ls -A"));
    }

    @Test
    void tarRoundTripPreservesContentModesAndTimes() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("src2"));
        tree(outside);
        ok("chmod 0640 " + outside + "/sub/f0 && touch -d '2003-04-05 06:07:08' " + outside + "/sub/f2");
        ok("tar -C " + outside + " -cf - . | tar -xf - -C . && mkdir x");
        ok("diff -r " + outside + " . -x x");
        assertEquals("640", ok("stat -c %a sub/f0").trim());
        assertEquals(ok("stat -c %Y " + outside + "/sub/f2"), ok("stat -c %Y sub/f2"));
        ok("tar -cf ../back.tar sub && mkdir ../back && tar -xf ../back.tar -C ../back && diff -r sub ../back/sub");
        ok("rm -r sub x");
    }

    @Test
    void findSeesEveryEntryOfALargeDirectory() throws Exception {
        ok("mkdir big && cd big && for i in $(seq 1 500); do : > entry-$i; done");
        assertEquals("500", ok("find big -type f | wc -l").trim());
        assertEquals("big/entry-250\n", ok("find big -name entry-250"));
        ok("rm -r big");
    }

    @Test
    void statReportsWhatTheFilesystemSays() throws Exception {
        ok("printf 12345 > s && chmod 0604 s && chown 7:8 s");
        assertEquals("5 604 7 8 regular file", ok("stat -c '%s %a %u %g %F' s").trim());
        assertEquals("4096", ok("stat -f -c %S .").trim());
        ok("rm s");
    }

    @Test
    void touchSetsOneTimestampAndOmitsTheOther() throws Exception {
        ok("touch -d '2010-01-01 00:00:00' t");
        String before = ok("stat -c '%X %Y' t").trim();
        ok("touch -a -d '2011-01-01 00:00:00' t");
        String[] after = ok("stat -c '%X %Y' t").trim().split(" ");
        assertEquals(before.split(" ")[1], after[1], "mtime kept (UTIME_OMIT)");
        assertTrue(Long.parseLong(after[0]) > Long.parseLong(before.split(" ")[0]), "atime set");
        ok("touch -m t");
        long now = System.currentTimeMillis() / 1000;
        String[] third = ok("stat -c '%X %Y' t").trim().split(" ");
        assertEquals(after[0], third[0], "atime kept (UTIME_OMIT)");
        assertTrue(Math.abs(Long.parseLong(third[1]) - now) < 60, "mtime set to now (UTIME_NOW)");
        ok("rm t");
    }

    @Test
    void extendedAttributesWithSetfattrAndGetfattr() throws Exception {
        assumeTrue(FuseTestSupport.onPath("setfattr"), "setfattr missing (Debian package attr; make setup)");
        ok(": > xa && setfattr -n user.kernel -v 42 xa && setfattr -n user.other -v 0x00ff xa");
        String dump = ok("getfattr -d -e hex xa");
        assertTrue(dump.contains("user.kernel=0x3432") && dump.contains("user.other=0x00ff"), dump);
        ok("setfattr -x user.kernel xa");
        FuseTestSupport.Result missing = FuseTestSupport.sh(root, "getfattr -n user.kernel xa");
        assertTrue(missing.exit() != 0 && missing.output().contains("No such attribute"), missing.output());
        FuseTestSupport.Result acl = FuseTestSupport.sh(root, "setfattr -n system.foo -v 1 xa");
        assertTrue(acl.exit() != 0 && acl.output().contains("Operation not supported"), acl.output());
        ok("rm xa");
    }

    @Test
    void fallocatePunchAndZeroThroughUtilLinux() throws Exception {
        assumeTrue(FuseTestSupport.onPath("fallocate"), "fallocate (util-linux) missing");
        ok("fallocate -l 65536 fa");
        assertEquals("65536", ok("stat -c %s fa").trim());
        ok("head -c 65536 /dev/urandom > fb && fallocate -p -o 4096 -l 4096 fb && fallocate -z -o 0 -l 100 fb");
        byte[] b = Files.readAllBytes(root.resolve("fb"));
        assertEquals(65536, b.length);
        assertArrayEquals(new byte[4096], java.util.Arrays.copyOfRange(b, 4096, 8192));
        assertArrayEquals(new byte[100], java.util.Arrays.copyOfRange(b, 0, 100));
        ok("fallocate -z -o 65536 -l 4096 fb");
        assertEquals("69632", ok("stat -c %s fb").trim());
        ok("rm fa fb");
    }

    @Test
    void mknodFifosDevicesAndSync() throws Exception {
        ok("mkfifo pipe && mknod dev c 1 3");
        assertEquals("fifo", ok("stat -c %F pipe").trim());
        assertEquals("character special file 1 3", ok("stat -c '%F %t %T' dev").trim());
        ok("rm pipe dev");
        assertFalse(Files.exists(root.resolve("pipe")));
        ok("mkdir synced && printf x > synced/f && sync synced/f synced && sync -d synced/f");
        List<String> ops = mounted.fs.calls().stream().map(MemoryFileSystem.Call::op).distinct().toList();
        assertTrue(ops.containsAll(List.of("mknod", "fsync", "fsyncdir", "flush")), ops.toString());
    }
}
