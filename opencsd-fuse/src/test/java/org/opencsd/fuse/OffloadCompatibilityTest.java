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
 * The offload's compatibility with the original OpenCSD, through the real mount: its exact user
 * flow (open, setxattr, read on the same handle) in the direct-I/O-for-all mode and what that flow
 * reads in the default per-process mode; sparse files (the LBAs a kernel sees for holes and the
 * results over them); and the device-side read-ahead of a sequential reader.
 */
class OffloadCompatibilityTest {
    private static final String HISTOGRAM = """
            def histogram(b):
                h = [0] * 256
                for x in b: h[x] += 1
                return b"".join(v.to_bytes(4, "little") for v in h)
            """;

    @TempDir
    Path tmp;

    private static byte[] randomBytes(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static void python(MountedFluffle m, Path tmp, String name, String script) throws Exception {
        Files.writeString(tmp.resolve(name), script);
        FuseTestSupport.Result r = FuseTestSupport.sh(m.root, "python3 " + tmp.resolve(name));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("ok"), r.output());
    }

    @Test
    void theOriginalFlowReadsKernelResultsOnTheSameHandleInDirectIoMode() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp, o -> o.withDirectIoAll(true))) {
            Files.write(m.root.resolve("byte_histogram.o"), BundledKernels.get("byte_histogram"));
            Files.write(m.root.resolve("data"), randomBytes((1 << 20) + 300, 5));
            python(m, tmp, "original.py", HISTOGRAM + """
                    import os, subprocess
                    K = "user.process.csd_read_stream"
                    data = open("data", "rb").read()
                    fd = os.open("data", os.O_RDONLY)                      # opened before the attach
                    os.setxattr("data", K, str(os.stat("byte_histogram.o").st_ino).encode())
                    for off in range(0, len(data), 524288):                # the original's loop, same fd
                        assert os.pread(fd, 524288, off) == histogram(data[off:off + 524288]), off
                    assert subprocess.run(["cat", "data"], capture_output=True).stdout == data  # others: plain
                    os.removexattr("data", K)
                    assert os.pread(fd, 4096, 8192) == data[8192:12288]    # detached: plain again
                    os.close(fd)
                    print("ok")
                    """);
            assertEquals(0, m.attachmentsAfterReleases());
        }
    }

    @Test
    void byDefaultAHandleOpenedBeforeTheAttachKeepsReadingThePlainFile() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            Files.write(m.root.resolve("byte_histogram.o"), BundledKernels.get("byte_histogram"));
            Files.write(m.root.resolve("data"), randomBytes(300_000, 6));
            python(m, tmp, "scoped.py", HISTOGRAM + """
                    import os
                    K = "user.process.csd_read_stream"
                    data = open("data", "rb").read()
                    fd = os.open("data", os.O_RDONLY)
                    os.setxattr("data", K, str(os.stat("byte_histogram.o").st_ino).encode())
                    assert os.pread(fd, 524288, 0) == data, "a cached handle: plain data"
                    d = os.open("data", os.O_RDONLY)
                    assert os.pread(d, 524288, 0) == histogram(data), "a handle opened while attached: the kernel's"
                    os.close(d); os.close(fd)
                    print("ok")
                    """);
        }
    }

    @Test
    void holesAreListedAsHoleLbasAndReadAsZeroes() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            for (String k : new String[] {"byte_histogram", "passthrough", "lba_list"}) {
                Files.write(m.root.resolve(k + ".o"), BundledKernels.get(k));
            }
            python(m, tmp, "holes.py", HISTOGRAM + """
                    import os, subprocess
                    K = "user.process.csd_read_stream"
                    HOLE = (1 << 64) - 1
                    w = os.open("sparse", os.O_CREAT | os.O_WRONLY)
                    os.pwrite(w, os.urandom(8192), 0)          # blocks 0-1
                    os.pwrite(w, os.urandom(4096), 10 * 4096)  # block 10; blocks 2-9 never written
                    os.ftruncate(w, 16 * 4096 + 1000)          # blocks 11-16: a hole up to the size
                    os.close(w)
                    data = subprocess.run(["cat", "sparse"], capture_output=True).stdout
                    assert len(data) == 16 * 4096 + 1000 and data[8192:40960] == bytes(32768)
                    fd = os.open("sparse", os.O_RDONLY)
                    os.setxattr("sparse", K, b"lba_list.o")
                    d = os.open("sparse", os.O_RDONLY)
                    raw = os.pread(d, 524288, 0)
                    lbas = [int.from_bytes(raw[i:i + 8], "little") for i in range(0, len(raw), 8)]
                    assert len(lbas) == 17, lbas
                    assert [i for i, x in enumerate(lbas) if x != HOLE] == [0, 1, 10], lbas
                    assert lbas[1] == lbas[0] + 1, lbas
                    os.setxattr("sparse", K, b"passthrough.o")
                    assert os.pread(d, 524288, 0) == data
                    os.setxattr("sparse", K, b"byte_histogram.o")
                    assert os.pread(d, 524288, 0) == histogram(data)
                    assert os.pread(d, 4096, 3 * 4096) == histogram(bytes(4096)), "a request inside the hole"
                    os.close(d); os.close(fd)
                    print("ok")
                    """);
        }
    }

    @Test
    void aSequentialReadersNextRequestsRunAheadOnTheDevice() throws Exception {
        assertEquals(3, executionsAfterOneRead(2), "the request and the 2 after it");
        assertEquals(1, executionsAfterOneRead(0), "read-ahead off: the request only");
    }

    /** Device executions once a process read the first 512 KiB of a 4 MiB file through byte_histogram. */
    private long executionsAfterOneRead(int readAhead) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ra" + readAhead));
        Path image = MountedFluffle.format(dir, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, dir, o -> o.withReadAhead(readAhead))) {
            Files.write(m.root.resolve("byte_histogram.o"), BundledKernels.get("byte_histogram"));
            Files.write(m.root.resolve("data"), randomBytes(4 << 20, 7));
            python(m, dir, "one.py", HISTOGRAM + """
                    import os
                    data = open("data", "rb").read()
                    fd = os.open("data", os.O_RDONLY)
                    os.setxattr("data", "user.process.csd_read_stream", b"byte_histogram.o")
                    d = os.open("data", os.O_RDONLY)
                    assert os.pread(d, 524288, 0) == histogram(data[:524288])
                    os.close(d); os.close(fd)
                    print("ok")
                    """);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (m.csd.totals().executions() < 1 + readAhead && System.nanoTime() < deadline) Thread.sleep(20);
            Thread.sleep(200); // anything beyond the expected count would show by now
            return m.csd.totals().executions();
        }
    }
}
