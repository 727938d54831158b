package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated mount, concurrent load, unmount: libfuse's worker threads, attached to the JVM by
 * their upcalls, are gone after each session (no thread leak), and each session ends cleanly.
 */
class SessionLifecycleTest {


    @Test
    void mountLoadUnmountThreeTimesLeavesNoThreads(@TempDir Path tmp) throws Exception {
        FuseTestSupport.assumeFuseMountable();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        int baseline = Thread.activeCount();
        int peak = 0;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                MemoryFileSystem fs = new MemoryFileSystem();
                try (FuseSession s = FuseSession.mount(mnt, fs, MountOptions.defaults())) {
                    List<Future<?>> work = new ArrayList<>();
                    for (int w = 0; w < 8; w++) {
                        int id = w;
                        work.add(pool.submit(() -> {
                            for (int i = 0; i < 50; i++) {
                                Path f = mnt.resolve("w" + id + "-" + i);
                                Files.writeString(f, "v" + i);
                                assertEquals("v" + i, Files.readString(f));
                                Files.delete(f);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : work) f.get();
                    assertTrue(s.isRunning());
                    peak = Math.max(peak, Thread.activeCount());
                }
                assertFalse(MountTable.isMounted(mnt));
                assertTrue(fs.destroyed());
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(peak > baseline + 8 + 1, "libfuse workers visible as JVM threads while serving (peak " + peak + ")");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Thread.activeCount() > baseline && System.nanoTime() < deadline) Thread.sleep(50);
        assertTrue(Thread.activeCount() <= baseline, "threads before " + baseline + ", after " + Thread.activeCount()
                + ": " + Thread.getAllStackTraces().keySet());
    }
}
