package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.csd.BundledKernels;

/**
 * {@code user.process.csd_read_stream} through the real mount, driven by a Python script as in
 * the original: histograms and passthrough results compared with computations on the plain
 * bytes; errnos of every misuse; per-process scope; snapshot at attach time; end of attachment.
 */
class OffloadTest {
    @TempDir
    Path tmp;

    @Test
    void pythonAttachesKernelsAndReadsTheirResults() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            Files.write(m.root.resolve("passthrough.o"), BundledKernels.get("passthrough"));
            Files.write(m.root.resolve("byte_histogram.o"), BundledKernels.get("byte_histogram"));
            byte[] data = new byte[(2 << 20) + 777];
            Random random = new Random(3);
            for (int i = 0; i < data.length; i++) data[i] = (byte) (random.nextGaussian() * 20);
            Files.write(m.root.resolve("data.bin"), data);
            String script = """
                    import errno, os, subprocess, sys
                    K = "user.process.csd_read_stream"
                    f = "data.bin"
                    data = open(f, "rb").read()
                    def expect(code, fn, *a):
                        try:
                            fn(*a)
                        except OSError as e:
                            assert e.errno == code, f"{fn.__name__}{a[1:2]}: {errno.errorcode[e.errno]} not {errno.errorcode[code]}"
                            return
                        sys.exit(f"{fn.__name__}{a[1:2]} succeeded, expected {errno.errorcode[code]}")
                    hist = os.stat("byte_histogram.o").st_ino
                    expect(errno.EBADF, os.setxattr, f, K, str(hist).encode())      # not open by this process
                    cached = os.open(f, os.O_RDONLY)
                    expect(errno.ENODATA, os.setxattr, f, K, str(hist).encode(), os.XATTR_REPLACE)
                    expect(errno.ENOENT, os.setxattr, f, K, b"987654")
                    expect(errno.EINVAL, os.setxattr, f, K, str(os.stat(f).st_ino).encode())  # not a kernel
                    expect(errno.ENODATA, os.getxattr, f, K)
                    os.setxattr(f, K, str(hist).encode(), os.XATTR_CREATE)
                    expect(errno.EEXIST, os.setxattr, f, K, str(hist).encode(), os.XATTR_CREATE)
                    assert K in os.listxattr(f) and os.getxattr(f, K) == str(hist).encode()
                    other = subprocess.run([sys.executable, "-c", "import os; print(os.listxattr('data.bin'))"], capture_output=True, text=True)
                    assert K not in other.stdout, other.stdout
                    assert subprocess.run(["cat", f], capture_output=True).stdout == data  # other processes: plain
                    fd = os.open(f, os.O_RDONLY)  # opened while attached: direct I/O, offloaded
                    def histogram(b):
                        h = [0] * 256
                        for x in b: h[x] += 1
                        return b"".join(v.to_bytes(4, "little") for v in h)
                    R = 524288
                    for off in range(0, len(data), R):
                        got = os.pread(fd, R, off)
                        assert got == histogram(data[off:off + R]), off
                    assert os.pread(fd, R, len(data)) == b"" and os.pread(fd, R, len(data) + 5000) == b""
                    assert os.pread(cached, 100, 5) == data[5:105]  # a cached handle reads the plain file
                    # replace by path: passthrough returns the bytes, short at the end of the file
                    os.setxattr(f, K, b"passthrough.o", os.XATTR_REPLACE)
                    assert os.pread(fd, R, 4096) == data[4096:4096 + R]  # the kernel reads whole blocks: aligned offsets
                    assert os.pread(fd, R, 4 * R) == data[4 * R:]
                    # the kernel sees the snapshot taken at attach time
                    w = os.open(f, os.O_WRONLY)
                    os.pwrite(w, b"\\xff" * 4096, 0)
                    assert os.pread(fd, 4096, 0) == data[:4096]
                    os.removexattr(f, K)
                    expect(errno.ENODATA, os.removexattr, f, K)
                    assert K not in os.listxattr(f)
                    assert os.pread(fd, 4096, 0) == b"\\xff" * 4096  # plain again, current contents
                    os.setxattr(f, K, str(hist).encode())
                    os.close(w); os.close(fd); os.close(cached)   # last close ends the attachment
                    import time                                   # (FUSE's RELEASE arrives after close returns)
                    for _ in range(1000):
                        try:
                            os.getxattr(f, K)
                        except OSError as e:
                            assert e.errno == errno.ENODATA, e
                            break
                        time.sleep(0.01)
                    fd = os.open(f, os.O_RDONLY)
                    expect(errno.ENODATA, os.getxattr, f, K)
                    os.close(fd)
                    print("offload ok")
                    """;
            Files.writeString(tmp.resolve("offload.py"), script);
            FuseTestSupport.Result r = FuseTestSupport.sh(m.root, "python3 " + tmp.resolve("offload.py"));
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("offload ok"), r.output());
            assertEquals(0, m.attachmentsAfterReleases());
        }
        assertTrue(MountedFluffle.fsck(image).clean());
    }

    @Test
    void writeStreamTransformsAndEventsKeepTheKernelsResult() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            Files.write(m.root.resolve("byte_histogram.o"), BundledKernels.get("byte_histogram"));
            Files.write(m.root.resolve("upper_case.o"), BundledKernels.get("upper_case"));
            String script = """
                    import errno, os, random, subprocess, sys
                    W, R = "user.process.csd_write_event", "user.process.csd_read_event"
                    def histogram(b):
                        h = [0] * 256
                        for x in b: h[x] += 1
                        return b"".join(v.to_bytes(4, "little") for v in h)
                    def expect(code, fn, *a):
                        try:
                            fn(*a)
                        except OSError as e:
                            assert e.errno == code, f"{fn.__name__}{a[1:2]}: {errno.errorcode[e.errno]}"
                            return
                        sys.exit(f"{fn.__name__}{a[1:2]} succeeded")
                    hist = str(os.stat("byte_histogram.o").st_ino).encode()
                    fd = os.open("ev", os.O_CREAT | os.O_RDWR)
                    os.setxattr("ev", W, hist)
                    expect(errno.ENODATA, os.getxattr, "ev", W + ".result")
                    random.seed(9)
                    chunk = bytes(random.getrandbits(8) % 200 for _ in range(300000))
                    assert os.pwrite(fd, chunk, 8192) == len(chunk)
                    assert os.getxattr("ev", W + ".result") == histogram(chunk)
                    assert W in os.listxattr("ev") and W + ".result" in os.listxattr("ev")
                    expect(errno.EPERM, os.setxattr, "ev", W + ".result", b"x")
                    other = subprocess.run([sys.executable, "-c", "import os; print(os.listxattr('ev'))"], capture_output=True, text=True)
                    assert "csd_" not in other.stdout, other.stdout
                    os.removexattr("ev", W)
                    expect(errno.ENODATA, os.getxattr, "ev", W + ".result")
                    os.setxattr("ev", "user.process.csd_write_stream", b"upper_case.o")
                    wfd = os.open("ev", os.O_WRONLY)   # direct: its writes go through the kernel
                    assert os.pwrite(wfd, b"hello, World 42", 100) == 15
                    os.close(wfd)
                    assert os.pread(fd, 15, 100) == b"HELLO, WORLD 42"
                    assert subprocess.run(["dd", "if=ev", "bs=1", "skip=100", "count=15", "status=none"], capture_output=True).stdout == b"HELLO, WORLD 42"
                    os.removexattr("ev", "user.process.csd_write_stream")
                    os.setxattr("ev", R, hist)
                    rfd = os.open("ev", os.O_RDONLY)   # opened while attached: direct, reads reach the device
                    got = os.pread(rfd, 20000, 12288)   # block-aligned: kernels read whole blocks
                    assert got == chunk[4096:24096], "a read event returns the plain data"
                    assert os.getxattr("ev", R + ".result") == histogram(got)
                    os.close(rfd); os.close(fd)
                    import time                      # the last close's RELEASE arrives after close returns
                    for _ in range(1000):
                        if R not in os.listxattr("ev"): break
                        time.sleep(0.01)
                    fd = os.open("ev", os.O_RDONLY)
                    expect(errno.ENODATA, os.getxattr, "ev", R)
                    os.close(fd)
                    print("events ok")
                    """;
            Files.writeString(tmp.resolve("events.py"), script);
            FuseTestSupport.Result r = FuseTestSupport.sh(m.root, "python3 " + tmp.resolve("events.py"));
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("events ok"), r.output());
            assertEquals(0, m.attachmentsAfterReleases());
        }
        assertTrue(MountedFluffle.fsck(image).clean());
    }
}
