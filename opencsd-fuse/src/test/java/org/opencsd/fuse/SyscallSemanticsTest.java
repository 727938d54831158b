package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * renameat2 flags, SEEK_DATA/SEEK_HOLE, copy_file_range and name encoding, through the real
 * system calls (FFM downcalls from the test) on the mounted memory filesystem.
 */
class SyscallSemanticsTest {
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

    @Test
    void renameNoReplaceAndExchange() throws Throwable {
        Path a = Files.writeString(root.resolve("ex-a"), "A");
        Path b = Files.writeString(root.resolve("ex-b"), "B");
        assertEquals(-Errno.EEXIST.code(), Libc.renameat2(a, b, Libc.RENAME_NOREPLACE));
        assertEquals(0, Libc.renameat2(a, b, Libc.RENAME_EXCHANGE));
        assertEquals("B", Files.readString(a));
        assertEquals("A", Files.readString(b));
        assertEquals(-Errno.ENOENT.code(), Libc.renameat2(a, root.resolve("absent"), Libc.RENAME_EXCHANGE));
        Path d = Files.createDirectory(root.resolve("ex-dir"));
        assertEquals(0, Libc.renameat2(a, d, Libc.RENAME_EXCHANGE));
        assertTrue(Files.isDirectory(a));
        assertEquals("B", Files.readString(d));
        assertEquals(0, Libc.renameat2(b, root.resolve("ex-c"), Libc.RENAME_NOREPLACE));
        assertFalse(Files.exists(b));
    }

    @Test
    void seekDataAndHole() throws Throwable {
        Path f = Files.write(root.resolve("seek"), new byte[10_000]);
        int fd = Libc.open(f, Libc.O_RDONLY);
        assertTrue(fd >= 0);
        try {
            assertEquals(100, Libc.lseek(fd, 100, Libc.SEEK_DATA));
            assertEquals(10_000, Libc.lseek(fd, 100, Libc.SEEK_HOLE));
            assertEquals(-Errno.ENXIO.code(), Libc.lseek(fd, 10_000, Libc.SEEK_DATA));
        } finally {
            Libc.close(fd);
        }
        assertTrue(mounted.fs.calls().stream().anyMatch(c -> c.op().equals("lseek")), "lseek reached the filesystem");
    }

    @Test
    void copyFileRangeInsideTheMount() throws Throwable {
        byte[] data = new byte[50_000];
        new java.util.Random(5).nextBytes(data);
        Path in = Files.write(root.resolve("cfr-in"), data);
        Path out = Files.createFile(root.resolve("cfr-out"));
        int fdIn = Libc.open(in, Libc.O_RDONLY);
        int fdOut = Libc.open(out, Libc.O_WRONLY);
        try {
            long copied = 0;
            while (copied < data.length) {
                long n = Libc.copyFileRange(fdIn, fdOut, data.length - copied);
                assertTrue(n > 0, "copy_file_range returned " + n);
                copied += n;
            }
        } finally {
            Libc.close(fdIn);
            Libc.close(fdOut);
        }
        assertEquals(java.util.HexFormat.of().formatHex(data), java.util.HexFormat.of().formatHex(Files.readAllBytes(out)));
        assertTrue(mounted.fs.calls().stream().anyMatch(c -> c.op().equals("copy_file_range")), "served by the filesystem");
    }

    @Test
    void namesThatAreNotUtf8AreRefusedWithEilseq() throws Exception {
        FuseTestSupport.Result r = FuseTestSupport.sh(root, "touch \"$(printf 'bad\\377name')\"");
        assertTrue(r.exit() != 0, r.output());
        assertTrue(r.output().contains("Invalid or incomplete multibyte or wide character"), r.output());
        FuseTestSupport.Result ok = FuseTestSupport.sh(root, "touch 'gr\u00fc\u00dfe-\u65e5\u672c' && ls");
        assertTrue(ok.output().contains("gr\u00fc\u00dfe-\u65e5\u672c"), ok.output());
    }
}
