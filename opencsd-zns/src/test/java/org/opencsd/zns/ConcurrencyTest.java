package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real threads: appenders sharing one zone, and many zones under open limits. */
class ConcurrencyTest {
    private static final int THREADS = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentAppendersGetDistinctContiguousRangesWithTheirData() throws Exception {
        ZoneGeometry g = ZoneGeometry.of(2, 512, 4096, 4096);
        try (ZonedDevice file = ZonedDevices.create(dir.resolve("c.img"), g)) {
            for (ZonedDevice d : List.of(ZonedDevices.memory(g), file)) appendTogether(d, g);
        }
    }

    private static void appendTogether(ZonedDevice d, ZoneGeometry g) throws Exception {
        Map<Long, byte[]> byLba = new ConcurrentHashMap<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    Random r = new Random(thread);
                    for (int i = 0; i < 60; i++) {
                        byte[] data = new byte[(1 + r.nextInt(8)) * g.lbaSize()];
                        r.nextBytes(data);
                        long lba = d.append(g.zoneStart(1), ByteBuffer.wrap(data));
                        byLba.put(lba, data);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdown();
        }
        long next = g.zoneStart(1);
        for (var e : new TreeMap<>(byLba).entrySet()) {
            assertEquals(next, e.getKey(), "ranges must be contiguous and distinct");
            assertArrayEquals(e.getValue(), d.read(e.getKey(), e.getValue().length / g.lbaSize()));
            next += e.getValue().length / g.lbaSize();
        }
        assertEquals(THREADS * 60, byLba.size());
        assertEquals(next, d.zone(1).writePointer());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void threadsOnManyZonesUnderAnOpenLimitNeitherDeadlockNorLeakResources() throws Exception {
        ZoneGeometry g = ZoneGeometry.of(16, 4096, 64, 64).withLimits(3, 0);
        ZonedDevice d = ZonedDevices.memory(g);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random r = new Random(thread);
                    long blocks = 0;
                    for (int i = 0; i < 400; i++) {
                        int zone = r.nextInt(g.zoneCount());
                        try {
                            switch (r.nextInt(10)) {
                                case 0 -> d.manage(zone, ZoneAction.CLOSE);
                                case 1 -> d.manage(zone, ZoneAction.FINISH);
                                default -> {
                                    d.append(zone, new byte[4096]);
                                    blocks++;
                                }
                            }
                        } catch (ZnsException e) {
                            assertTrue(e.status() == NvmeStatus.ZONE_IS_FULL
                                    || e.status() == NvmeStatus.INVALID_ZONE_STATE_TRANSITION
                                    || e.status() == NvmeStatus.ZONE_BOUNDARY_ERROR, e.getMessage());
                        }
                    }
                    return blocks;
                }));
            }
            long appended = 0;
            for (Future<Long> f : done) appended += f.get();
            long open = d.zones().stream().filter(z -> z.state().isOpen()).count();
            assertTrue(open <= 3, open + " zones open with MOR 3");
            assertEquals(open, ((ZonedNamespace) d).resources().openCount());
            assertEquals(d.zones().stream().filter(z -> z.state().isActive()).count(),
                    ((ZonedNamespace) d).resources().activeCount());
            assertEquals(appended * 4096, d.stats().bytesAppended());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aWriterOnOneZoneDoesNotWaitForAnotherZonesLock() throws Exception {
        ZonedDevice d = ZonedDevices.memory(Zones.small());
        d.append(0, new byte[4096]);
        Zone held = zoneOf(d, 0);
        held.lock.lock(); // as if a long write were in progress on zone 0
        try {
            Future<Long> other = Executors.newVirtualThreadPerTaskExecutor().submit(() -> d.append(1, new byte[4096]));
            assertEquals(16, other.get(10, TimeUnit.SECONDS));
        } finally {
            held.lock.unlock();
        }
    }

    @Test
    void writesIntoAnOpenZoneDoNotTakeTheResourceLock() throws Exception {
        ZonedDevice d = ZonedDevices.memory(Zones.small().withLimits(2, 2));
        d.append(0, new byte[4096]);
        ZoneResources resources = ((ZonedNamespace) d).resources();
        resources.lock(); // as if a zone were being opened or reset
        try {
            Future<Long> other = Executors.newVirtualThreadPerTaskExecutor().submit(() -> d.append(0, new byte[4096]));
            assertEquals(1, other.get(10, TimeUnit.SECONDS));
        } finally {
            resources.unlock();
        }
    }

    private static Zone zoneOf(ZonedDevice d, int zone) throws Exception {
        var f = ZonedNamespace.class.getDeclaredField("zones");
        f.setAccessible(true);
        return ((Zone[]) f.get(d))[zone];
    }

}
