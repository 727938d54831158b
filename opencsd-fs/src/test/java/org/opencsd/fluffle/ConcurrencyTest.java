package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.opencsd.zns.ZonedDevice;

/**
 * Real threads at once: writers of their own files, readers checking what they see is always a
 * whole version of a block, namespace churn in a shared directory, and the background garbage
 * collector; then every final content is checked, also after a remount, and fsck is clean.
 */
class ConcurrencyTest {
    private static final int B = 4096;
    private static final int THREADS = 4;
    private static final int BLOCKS = 48;
    private static final int ROUNDS = 1500;

    @Test
    void manyThreadsAtOnce() throws Exception {
        ZonedDevice dev = TestDevices.formatted(24, 256);
        FluffleFs fs = FluffleFs.mount(dev, new MountOptions(true, 20, MountOptions.defaults().clock()), false);
        FluffleFs again = churn(dev, fs);
        again.close();
        assertTrue(Fsck.check(dev).clean());
    }

    private FluffleFs churn(ZonedDevice dev, FluffleFs fs) throws Exception {
        long shared = fs.mkdir(FluffleFs.ROOT, "shared", 0755, Credentials.ROOT).ino();
        long[] files = new long[THREADS];
        for (int t = 0; t < THREADS; t++) files[t] = fs.create(FluffleFs.ROOT, "f" + t, 0644, Credentials.ROOT).ino();
        int[][] last = new int[THREADS][BLOCKS];
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(THREADS * 2 + 1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int me = t;
            threads.add(Thread.ofPlatform().start(() -> run(errors, start, () -> {
                for (int r = 1; r <= ROUNDS; r++) {
                    int b = (r * 7 + me) % BLOCKS;
                    fs.write(files[me], (long) b * B, ByteBuffer.wrap(block(me, b, r)));
                    last[me][b] = r;
                    String name = "n" + me + "-" + (r % 5);
                    try {
                        fs.create(shared, name, 0644, Credentials.ROOT);
                    } catch (FsException e) {
                        fs.rename(shared, name, shared, "m" + me);
                    }
                }
            })));
            threads.add(Thread.ofPlatform().start(() -> run(errors, start, () -> {
                ByteBuffer got = ByteBuffer.allocate(B);
                for (int r = 0; r < ROUNDS; r++) {
                    int b = r % BLOCKS;
                    got.clear();
                    int n = fs.read(files[me], (long) b * B, got);
                    if (n == 0) continue;
                    int version = got.getInt(0);
                    if (version != 0) assertArrayEquals(block(me, b, version), got.array(), "a torn block");
                    fs.readdir(shared);
                }
            })));
        }
        start.await();
        for (Thread t : threads) t.join();
        assertTrue(errors.isEmpty(), () -> errors.peek().toString());
        check(fs, files, last);
        fs.close();
        FluffleFs again = TestDevices.mount(dev);
        check(again, files, last);
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (DirEntry e : again.readdir(shared)) names.add(e.name());
        assertEquals(expectedNames(), names);
        return again;
    }

    /** What the namespace churn leaves: each thread's names, simulated alone (threads use disjoint names). */
    private static java.util.TreeSet<String> expectedNames() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(List.of(".", ".."));
        for (int me = 0; me < THREADS; me++) {
            for (int r = 1; r <= ROUNDS; r++) {
                String name = "n" + me + "-" + (r % 5);
                if (!names.add(name)) {
                    names.remove(name);
                    names.add("m" + me);
                }
            }
        }
        return names;
    }

    private static void run(ConcurrentLinkedQueue<Throwable> errors, CyclicBarrier start, Runnable body) {
        try {
            start.await();
            body.run();
        } catch (Throwable e) {
            errors.add(e);
        }
    }

    private static byte[] block(int thread, int b, int version) {
        byte[] out = TestDevices.pattern(thread * 1_000_000L + b * 10_000L + version, B);
        ByteBuffer.wrap(out).putInt(0, version);
        return out;
    }

    private static void check(FluffleFs fs, long[] files, int[][] last) {
        ByteBuffer got = ByteBuffer.allocate(B);
        for (int t = 0; t < files.length; t++) {
            for (int b = 0; b < BLOCKS; b++) {
                got.clear();
                fs.read(files[t], (long) b * B, got);
                assertArrayEquals(block(t, b, last[t][b]), got.array());
            }
        }
    }
}
