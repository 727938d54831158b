package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.csd.BundledKernels;

/**
 * The original's u32 counter through the mount (compared with a count on the host), and kernels
 * that misbehave: a faulting one and a runaway one give the reader EIO, a log line each, and leave
 * the file system usable and fsck clean.
 */
class OffloadKernelsTest {
    @TempDir
    Path tmp;

    private static void clang(Path out, String define) throws Exception {
        assertTrue(FuseTestSupport.onPath("clang"), "clang not installed: run make setup");
        Path src = Path.of("src/test/c/misbehaving.c").toAbsolutePath();
        FuseTestSupport.Result r = FuseTestSupport.run(src.getParent(), List.of("clang", "-O2", "-target", "bpf",
                "-ffreestanding", "-D" + define, "-c", src.toString(), "-o", out.toString()));
        assertEquals(0, r.exit(), r.output());
    }

    @Test
    void counterMatchesTheHostAndBadKernelsGiveEio() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            Files.write(m.root.resolve("u32_counter.o"), BundledKernels.get("u32_counter"));
            clang(m.root.resolve("fault.o"), "FAULT");
            clang(m.root.resolve("loop.o"), "LOOP");
            String script = """
                    import errno, os, random, struct, time
                    K = "user.process.csd_read_stream"
                    random.seed(5)
                    data = b"".join(struct.pack("<I", random.getrandbits(31)) for _ in range(300000))
                    open("ints", "wb").write(data)
                    fd = os.open("ints", os.O_RDONLY)
                    os.setxattr("ints", K, str(os.stat("u32_counter.o").st_ino).encode())
                    fd2 = os.open("ints", os.O_RDONLY)
                    R = 524288
                    for off in range(0, len(data), R):
                        want = sum(1 for (v,) in struct.iter_unpack("<I", data[off:off + R]) if v > 0x3fffffff)
                        got = struct.unpack("<Q", os.pread(fd2, R, off))[0]
                        assert got == want, (off, got, want)
                    for bad in ("fault.o", "loop.o"):
                        os.setxattr("ints", K, bad.encode(), os.XATTR_REPLACE)
                        t = time.time()
                        try:
                            os.pread(fd2, 4096, 0)
                            raise SystemExit(bad + " did not fail")
                        except OSError as e:
                            assert e.errno == errno.EIO, (bad, e)
                        assert time.time() - t < 10, bad
                    os.removexattr("ints", K)
                    assert os.pread(fd2, 8, 0) == data[:8]
                    open("after", "w").write("still writable")
                    print("kernels ok")
                    """;
            Files.writeString(tmp.resolve("kernels.py"), script);
            FuseTestSupport.Result r = FuseTestSupport.sh(m.root, "python3 " + tmp.resolve("kernels.py"));
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("kernels ok"), r.output());
        }
        assertTrue(MountedFluffle.fsck(image).clean());
    }
}
