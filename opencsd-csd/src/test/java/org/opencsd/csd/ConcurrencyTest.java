package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencsd.ebpf.jit.EngineKind;

/** Real threads: many executions at once on several slots, all correct; a slow kernel blocks no one. */
class ConcurrencyTest {
    @Test
    void manyExecutionsFromManyThreadsAllGetTheirOwnAnswer() throws Exception {
        CsdConfig config = CsdConfig.DEFAULTS.withParallelism(4).withMemoryBytes(64L << 20)
                .withLimits(ExecutionLimits.DEFAULTS.withDefaultHeapBytes(256 << 10));
        try (Fixture f = new Fixture(config).kernel(0, "sum_u64", EngineKind.AUTO).kernel(1, "byte_histogram", EngineKind.JIT)
                .kernel(2, "zcsd_demo", EngineKind.INTERPRETER)) {
            long[] sums = new long[8];
            int[][] bins = new int[8][256];
            long[] above = new long[8];
            for (int z = 0; z < 8; z++) {
                byte[] data = f.fillDemo(z, 100 + z);
                ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
                while (b.hasRemaining()) sums[z] += b.getLong();
                for (byte x : data) bins[z][x & 0xff]++;
                b.rewind();
                while (b.hasRemaining()) if ((b.getInt() & 0xffffffffL) > DemoData.RAND_MAX / 2) above[z]++;
            }
            int threads = 8, perThread = 24;
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger wrong = new AtomicInteger();
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            int zone = (seed + i) % 8, slot = (seed * 7 + i) % 3;
                            CsdResult r = f.runStandalone(slot, Fixture.zoneGrant(zone));
                            if (!correct(r, slot, sums[zone], bins[zone], above[zone])) wrong.incrementAndGet();
                        }
                    } catch (Exception e) {
                        wrong.incrementAndGet();
                    }
                });
                th.start();
                all.add(th);
            }
            start.countDown();
            for (Thread th : all) th.join();
            assertEquals(0, wrong.get());
            DeviceTotals t = f.csd.totals();
            assertEquals(threads * perThread, t.executions());
            assertEquals(0, t.failures());
            assertEquals((long) threads * perThread * 48 * 4096, t.bytesRead(), "every execution read its whole zone");
        }
    }

    private static boolean correct(CsdResult r, int slot, long sum, int[] bins, long above) {
        if (r.value() != 0) return false;
        byte[] d = r.returnData();
        return switch (slot) {
            case 0 -> Fixture.u64(d, 0) == sum;
            case 1 -> {
                for (int i = 0; i < 256; i++) if (Fixture.u32(d, i * 4) != bins[i]) yield false;
                yield true;
            }
            default -> Fixture.u64(d, 0) == above;
        };
    }

    @Test
    void manySubmissionsOnTheWorkerPoolAllComplete() {
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withParallelism(3)).kernel(0, "sum_u64", EngineKind.JIT)) {
            long[] sums = new long[8];
            for (int z = 0; z < 8; z++) {
                ByteBuffer b = ByteBuffer.wrap(f.fillDemo(z, z)).order(ByteOrder.LITTLE_ENDIAN);
                while (b.hasRemaining()) sums[z] += b.getLong();
            }
            List<CompletableFuture<CsdResult>> all = new ArrayList<>();
            for (int i = 0; i < 96; i++) all.add(f.csd.submit(ExecuteRequest.standalone(0, Fixture.zoneGrant(i % 8), 4096)));
            for (int i = 0; i < 96; i++) assertEquals(sums[i % 8], Fixture.u64(all.get(i).join().returnData(), 0));
            assertEquals(96, f.csd.totals().executions());
        }
    }

    @Test
    void aSlowKernelDoesNotBlockTheOthers() throws Exception {
        CsdConfig config = CsdConfig.DEFAULTS.withParallelism(2)
                .withLimits(ExecutionLimits.DEFAULTS.withWallTime(Duration.ofSeconds(20)).withMaxInstructions(0));
        try (Fixture f = new Fixture(config).kernel(1, "empty", EngineKind.INTERPRETER)) {
            f.csd.loadElf(0, "helper_spin", TestKernels.get("helper_spin"), ProgramOptions.DEFAULTS.withEngine(EngineKind.INTERPRETER));
            f.csd.activate(0);
            CompletableFuture<CsdResult> slow = f.csd.submit(ExecuteRequest.of(0, LbaGrant.none(), null));
            for (int i = 0; i < 200; i++) assertEquals(0, f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null)).value());
            assertTrue(!slow.isDone(), "the slow kernel is still running while 200 others completed");
            f.csd.deactivate(0);
            assertEquals(0, f.csd.execute(ExecuteRequest.of(1, LbaGrant.none(), null)).value());
            assertTrue(!slow.isDone(), "deactivating does not stop a running execution");
        }
    }

    @Test
    void slotTransitionsRaceSafelyWithExecutions() throws Exception {
        try (Fixture f = new Fixture().kernel(0, "empty", EngineKind.INTERPRETER)) {
            AtomicInteger ok = new AtomicInteger(), refused = new AtomicInteger(), other = new AtomicInteger();
            Thread toggler = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    f.csd.deactivate(0);
                    f.csd.activate(0);
                }
            });
            Thread runner = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    try {
                        f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null));
                        ok.incrementAndGet();
                    } catch (CsdException e) {
                        (e.error() == CsdError.NOT_ACTIVE ? refused : other).incrementAndGet();
                    }
                }
            });
            toggler.start();
            runner.start();
            toggler.join();
            runner.join();
            assertEquals(500, ok.get() + refused.get());
            assertEquals(0, other.get());
            assertEquals(SlotState.ACTIVE, f.csd.slot(0).state());
        }
    }
}
