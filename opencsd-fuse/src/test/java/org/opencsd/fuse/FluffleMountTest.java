package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.fluffle.FsckReport;

/**
 * FluffleFS on a real image file, mounted through FUSE: shell tools, the errno of each POSIX
 * failure as a program sees it, data surviving unmount and remount, fsck clean afterwards.
 */
class FluffleMountTest {
    @TempDir
    Path tmp;

    private static String ok(Path dir, String script) throws Exception {
        return FuseTestSupport.shOk(dir, script);
    }

    private static void tree(Path at) throws Exception {
        FuseTestSupport.randomTree(at, 7, 16, 300_000);
    }

    @Test
    void shellToolsThenRemountKeepsEverythingAndFsckIsClean() throws Exception {
        Path image = MountedFluffle.format(tmp, 24);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        tree(outside);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            Path r = m.root;
            ok(r, "cp -a " + outside + " tree && diff -r " + outside + " tree");
            ok(r, "mv tree/sub/deeper moved && test ! -e tree/sub/deeper && test -f moved/f1");
            ok(r, "ln moved/f1 hard && ln -s moved/f3 soft && cmp hard moved/f1 && cmp soft moved/f3");
            assertEquals("2", ok(r, "stat -c %h hard").trim());
            assertEquals("moved/f3", ok(r, "readlink soft").trim());
            assertEquals(ok(outside.getParent(), "cd outside && find . | sort"), ok(r, "cd tree && mv ../moved sub/deeper && find . | sort"));
            ok(r, "tar -C tree -cf ../t.tar . && mkdir untar && tar -xf ../t.tar -C untar && diff -r tree untar");
            ok(r, "mv -f untar/sub/f0 untar/sub/f2 && cmp untar/sub/f2 tree/sub/f0");  // rename replacing a file
            ok(r, "rm -r untar && test ! -e untar");
            ok(r, "dd if=/dev/urandom of=big bs=64k count=40 status=none && sync big && cp big big.copy && cmp big big.copy");
            ok(r, "truncate -s 1000 big && test $(stat -c %s big) = 1000 && cmp -n 1000 big big.copy");
            ok(r, "df -P . | tail -1 | awk '$2 > 0 { ok = 1 } END { exit !ok }'");
            ok(r, "cmp tree/sub/link " + outside + "/sub/deeper/f1");
        }
        FsckReport report = MountedFluffle.fsck(image);
        assertTrue(report.clean(), () -> report.problems().toString());
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            ok(m.root, "diff -r " + outside + " tree && cmp -n 1000 big big.copy && test $(stat -c %s big) = 1000");
            assertEquals("moved/f3", ok(m.root, "readlink soft").trim());
        }
    }

    @Test
    void errnosAsProgramsSeeThem() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            String script = """
                    import ctypes, errno, os, sys
                    libc = ctypes.CDLL(None, use_errno=True)
                    libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_long, ctypes.c_long]
                    def fallocate(fd, mode, off, n):
                        if libc.fallocate(fd, mode, off, n) != 0:
                            e = ctypes.get_errno()
                            raise OSError(e, os.strerror(e))
                    os.mkdir("d"); open("d/x", "w").write("x"); open("f", "w").write("data")
                    def expect(code, fn, *a):
                        try:
                            fn(*a)
                        except OSError as e:
                            if e.errno != code:
                                sys.exit(f"{fn.__name__}{a}: {errno.errorcode[e.errno]}, expected {errno.errorcode[code]}")
                            return
                        sys.exit(f"{fn.__name__}{a} succeeded, expected {errno.errorcode[code]}")
                    expect(errno.ENOTEMPTY, os.rmdir, "d")
                    expect(errno.ENOENT, os.unlink, "missing")
                    expect(errno.EEXIST, os.mkdir, "d")
                    expect(errno.EISDIR, os.open, "d", os.O_WRONLY)
                    expect(errno.ENOTDIR, os.rename, "d", "f")
                    expect(errno.EISDIR, os.rename, "f", "d")
                    def exchange(a, b):
                        if libc.renameat2(-100, a.encode(), -100, b.encode(), 2) != 0:  # AT_FDCWD, RENAME_EXCHANGE
                            e = ctypes.get_errno()
                            raise OSError(e, os.strerror(e))
                    exchange("d", "f")  # a directory and a file swap names
                    assert open("d").read() == "data" and os.listdir("f") == ["x"], os.listdir(".")
                    exchange("f", "d")
                    expect(errno.ENOENT, exchange, "f", "missing")
                    expect(errno.EINVAL, exchange, "d", "d/x")  # d would end up inside itself
                    expect(errno.ENOTDIR, os.listdir, "f")
                    expect(errno.EINVAL, os.readlink, "f")
                    expect(errno.EPERM, os.link, "d", "dlink")
                    expect(errno.ENODATA, os.getxattr, "f", "user.none")
                    expect(errno.EEXIST, os.open, "f", os.O_CREAT | os.O_EXCL | os.O_WRONLY)
                    expect(errno.ENAMETOOLONG, os.mkdir, "n" * 256)
                    expect(errno.EPERM, os.mknod, "fifo", 0o10644)
                    os.setxattr("f", "user.k", b"v")
                    expect(errno.EEXIST, os.setxattr, "f", "user.k", b"w", os.XATTR_CREATE)
                    expect(errno.ENODATA, os.setxattr, "f", "user.j", b"w", os.XATTR_REPLACE)
                    assert os.getxattr("f", "user.k") == b"v" and "user.k" in os.listxattr("f")
                    fd = os.open("f", os.O_RDWR)
                    os.posix_fallocate(fd, 0, 10000)
                    assert os.fstat(fd).st_size == 10000
                    fallocate(fd, 0x01 | 0x02, 1, 2)  # KEEP_SIZE | PUNCH_HOLE
                    assert os.pread(fd, 4, 0) == b"d\\0\\0a", os.pread(fd, 4, 0)
                    os.pwrite(fd, b"x" * 16384, 16384)
                    os.fsync(fd)
                    blocks = os.fstat(fd).st_blocks
                    fallocate(fd, 0x01 | 0x02, 16384, 8192)  # two whole blocks: unmapped
                    assert os.fstat(fd).st_blocks == blocks - 16, (blocks, os.fstat(fd).st_blocks)
                    assert os.pread(fd, 16384, 16384) == b"\\0" * 8192 + b"x" * 8192
                    expect(errno.EOPNOTSUPP, fallocate, fd, 0x08, 0, 4096)  # COLLAPSE_RANGE
                    os.fdatasync(fd); os.fsync(fd)
                    st = os.fstatvfs(fd)
                    assert st.f_bsize == 4096 and st.f_blocks > 0 and st.f_namemax == 255, st
                    fd2 = os.open("f", os.O_WRONLY | os.O_TRUNC)
                    assert os.fstat(fd).st_size == 0
                    os.unlink("f")
                    os.write(fd, b"still here")
                    assert os.pread(fd, 100, 0) == b"still here"
                    os.close(fd); os.close(fd2)
                    expect(errno.ENOENT, os.stat, "f")
                    """;
            Files.writeString(tmp.resolve("errnos.py"), script);
            ok(m.root, "python3 " + tmp.resolve("errnos.py"));
        }
        assertTrue(MountedFluffle.fsck(image).clean());
    }
}
