package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KernelCache} of a mounted session ({@code fuse_lowlevel_notify_inval_inode},
 * attributes only): what it invalidates, that init receives the session's, and that it is a
 * harmless no-op once the session has ended, also for calls racing the end of the session.
 */
class KernelCacheTest {
    /** Long enough that nothing but a notification refreshes what the kernel cached. */
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Request ROOT = new Request(0, 0, 0, 0);

    @TempDir
    Path tmp;

    private static MountedMemoryFs mountWithLongTimeouts(Path tmp) throws Exception {
        return MountedMemoryFs.mount(tmp, MountOptions.defaults().withFsName("memfs-test").withAllowOther(true)
                .withTimeouts(LONG, LONG));
    }

    /** The mode as {@code stat -c %a} shows it: a statx asking for the mode only. */
    private static String mode(Path dir, String name) throws Exception {
        return FuseTestSupport.shOk(dir, "stat -c %a " + name).strip();
    }

    private static SetAttributes chmod(int mode) {
        return new SetAttributes(OptionalInt.of(mode), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(),
                TimeChange.OMIT, TimeChange.OMIT, Optional.empty(), false, OptionalLong.empty());
    }

    @Test
    void aChangeBehindTheKernelsBackShowsAsSoonAsTheAttributesAreInvalidated() throws Exception {
        KernelCache cache;
        long ino;
        try (MountedMemoryFs m = mountWithLongTimeouts(tmp)) {
            cache = m.session.kernelCache();
            assertSame(cache, m.fs.kernelCache(), "init received the session's kernel caches");
            FuseTestSupport.shOk(m.root, ": > f && chmod 644 f");
            ino = (Long) Files.getAttribute(m.root.resolve("f"), "unix:ino");
            assertEquals("644", mode(m.root, "f"));
            m.fs.setattr(ROOT, ino, chmod(0600)); // not through the kernel
            assertEquals("644", mode(m.root, "f"), "the kernel keeps its copy for the 60 s attribute timeout");
            assertTrue(cache.invalidateAttributes(ino));
            assertEquals("600", mode(m.root, "f"));
            assertFalse(cache.invalidateAttributes(ino + 1_000_000), "an inode the kernel does not hold: nothing to do");
        }
        assertFalse(cache.invalidateAttributes(ino), "after unmount: a no-op");
        assertFalse(cache.invalidateAttributes(MemoryFileSystem.ROOT), "after unmount: a no-op");
    }

    @Test
    void notificationsRacingTheEndOfTheSessionAreHarmlessAndNoOpsAfterIt() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            MountedMemoryFs m = mountWithLongTimeouts(tmp);
            FuseTestSupport.shOk(m.root, ": > f");
            long ino = (Long) Files.getAttribute(m.root.resolve("f"), "unix:ino");
            KernelCache cache = m.session.kernelCache();
            AtomicLong taken = new AtomicLong();
            CountDownLatch running = new CountDownLatch(threads);
            CountDownLatch ended = new CountDownLatch(1);
            List<Future<Long>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    running.countDown();
                    while (ended.getCount() > 0) {
                        if (cache.invalidateAttributes(ino)) taken.incrementAndGet();
                    }
                    long afterEnd = 0;
                    for (int i = 0; i < 1000; i++) {
                        if (cache.invalidateAttributes(ino)) afterEnd++;
                    }
                    return afterEnd;
                }));
            }
            running.await();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (taken.get() < 100 && System.nanoTime() < deadline) Thread.sleep(1);
            m.close(); // unmounts while the notifications go on
            assertFalse(m.session.isRunning());
            ended.countDown();
            for (Future<Long> w : workers) assertEquals(0L, w.get(60, TimeUnit.SECONDS), "taken after the session ended");
            assertTrue(taken.get() >= 100, taken + " notifications taken while mounted");
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
