package org.opencsd.csd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.opencsd.ebpf.jit.EngineKind;

/** Each limit, exceeded, fails the execution with its own error and a message naming the limit. */
class LimitsTest {
    private static CsdException failure(Fixture f, ExecuteRequest r) {
        return assertThrows(CsdException.class, () -> f.csd.execute(r));
    }

    @Test
    void instructionLimit() {
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(ExecutionLimits.DEFAULTS.withMaxInstructions(1000)))) {
            f.asm(0, "mov %r0, 0\njeq %r0, 0, -1\nexit");
            CsdException e = failure(f, ExecuteRequest.of(0, LbaGrant.none(), null));
            assertEquals(CsdError.INSTRUCTION_LIMIT, e.error());
            assertTrue(e.getMessage().contains("instruction limit of 1000"), e.getMessage());
        }
    }

    @Test
    void memoryLimitIsCheckedBeforeTheExecutionIsQueued() {
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(ExecutionLimits.DEFAULTS.withMaxMemoryBytes(64 << 10)))) {
            f.kernel(0, "empty", EngineKind.INTERPRETER);
            CsdException e = failure(f, ExecuteRequest.of(0, LbaGrant.none(), null).withHeapBytes((64 << 10) + 1));
            assertEquals(CsdError.MEMORY_LIMIT, e.error());
            assertTrue(e.getMessage().contains("limit of 65536"), e.getMessage());
            assertEquals(0, f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null).withHeapBytes(60 << 10)).value());
            LbaGrant big = LbaGrant.of(LbaRange.read(0, 8 * 64));
            assertEquals(CsdError.MEMORY_LIMIT, failure(f, ExecuteRequest.standalone(0, big, 4096).withHeapBytes(60 << 10)).error(),
                    "the call context counts too");
        }
    }

    @Test
    void returnDataLimit() {
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(ExecutionLimits.DEFAULTS.withMaxReturnBytes(100)))) {
            f.kernel(0, "passthrough", EngineKind.INTERPRETER);
            CsdException e = failure(f, ExecuteRequest.standalone(0, LbaGrant.of(LbaRange.read(0, 1)), 4096));
            assertEquals(CsdError.RETURN_DATA_LIMIT, e.error());
            assertTrue(e.getMessage().contains("4096 bytes exceeds the limit of 100"), e.getMessage());
        }
    }

    @Test
    void wallTimeStopsAKernelStuckInHelpers() {
        ExecutionLimits limits = ExecutionLimits.DEFAULTS.withWallTime(Duration.ofMillis(200)).withMaxInstructions(0);
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(limits))) {
            f.csd.loadElf(0, "helper_spin", TestKernels.get("helper_spin"), ProgramOptions.DEFAULTS.withEngine(EngineKind.INTERPRETER));
            f.csd.activate(0);
            CsdException e = failure(f, ExecuteRequest.of(0, LbaGrant.none(), null));
            assertEquals(CsdError.WALL_TIME_LIMIT, e.error());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (f.csd.totals().failures() < 1 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertEquals(1, f.csd.totals().failures(), "the kernel itself stopped, giving back its worker");
            assertEquals(f.csd.memory().capacity(), f.csd.memory().available(), "and its memory");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = EngineKind.class, names = {"INTERPRETER", "JIT"})
    void wallTimeStopsAKernelThatLoopsWithoutHelpers(EngineKind engine) {
        ExecutionLimits limits = ExecutionLimits.DEFAULTS.withWallTime(Duration.ofMillis(200)).withMaxInstructions(0);
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withLimits(limits))) {
            f.csd.load(0, "spin", org.opencsd.ebpf.Assembler.assembleProgram("mov %r0, 0\nadd %r0, 1\njne %r0, 0, -2\nexit\n"),
                    ProgramOptions.DEFAULTS.withEngine(engine));
            f.csd.activate(0);
            CsdException e = failure(f, ExecuteRequest.of(0, LbaGrant.none(), null));
            assertEquals(CsdError.WALL_TIME_LIMIT, e.error());
            assertTrue(e.getMessage().contains("wall-time limit of 200 ms exceeded"), e.getMessage());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (f.csd.totals().failures() < 1 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertEquals(1, f.csd.totals().failures(), "the kernel itself stopped (unlimited instruction budget)");
            assertEquals(f.csd.memory().capacity(), f.csd.memory().available(), "its memory is back");
        }
    }

    @Test
    void theIdleWatchdogCompletesEachExecutionAtItsDeadline() throws Exception {
        // each execution blocks in one 15 s device read, where the kernel cannot stop itself: its
        // future completes at the 150 ms deadline only if the (idle, sleeping) watchdog was woken
        ExecutionLimits limits = ExecutionLimits.DEFAULTS.withWallTime(Duration.ofMillis(150));
        var slow = new SlowDevice(org.opencsd.zns.ZonedDevices.memory(Fixture.GEOMETRY), 15_000);
        try (Fixture f = new Fixture(slow, CsdConfig.DEFAULTS.withParallelism(3).withLimits(limits))) {
            f.kernel(0, "zcsd_demo", EngineKind.INTERPRETER);
            for (int i = 0; i < 2; i++) {
                CompletableFuture<CsdResult> r = f.csd.submit(ExecuteRequest.standalone(0, Fixture.zoneGrant(0), 4096));
                var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> r.get(10, java.util.concurrent.TimeUnit.SECONDS),
                        "a TimeoutException: the watchdog slept through the deadline");
                assertEquals(CsdError.WALL_TIME_LIMIT, ((CsdException) e.getCause()).error());
                Thread.sleep(300);  // nothing in flight: the watchdog goes idle
            }
        }
    }

    @Test
    void wallTimeStopsAKernelInsideASlowRead() {
        ExecutionLimits limits = ExecutionLimits.DEFAULTS.withWallTime(Duration.ofMillis(150));
        var slow = new SlowDevice(org.opencsd.zns.ZonedDevices.memory(Fixture.GEOMETRY), 40);
        try (Fixture f = new Fixture(slow, CsdConfig.DEFAULTS.withLimits(limits))) {
            f.kernel(0, "zcsd_demo", EngineKind.INTERPRETER);
            CompletableFuture<CsdResult> r = f.csd.submit(ExecuteRequest.standalone(0, Fixture.zoneGrant(0), 4096));
            CompletionException e = assertThrows(CompletionException.class, r::join);
            assertEquals(CsdError.WALL_TIME_LIMIT, ((CsdException) e.getCause()).error());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (f.csd.totals().failures() < 1 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertTrue(slow.reads() < 48, "stopped after " + slow.reads() + " of 48 sector reads");
        }
    }

    @Test
    void deviceMemoryExhaustion() {
        try (Fixture f = new Fixture(CsdConfig.DEFAULTS.withMemoryBytes(1 << 20))) {
            f.kernel(0, "empty", EngineKind.INTERPRETER);
            MemoryRange held = f.csd.memory().allocate(1 << 20);
            CsdException e = failure(f, ExecuteRequest.of(0, LbaGrant.none(), null).withHeapBytes(4096));
            assertEquals(CsdError.MEMORY_EXHAUSTED, e.error());
            assertEquals(CsdError.MEMORY_EXHAUSTED, assertThrows(CsdException.class, () -> f.csd.memory().allocate(1)).error());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (f.csd.totals().failures() < 1 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertEquals(1, f.csd.totals().failures(), "the execution that got no memory counts as failed");
            f.csd.memory().free(held);
            assertEquals(0, f.csd.execute(ExecuteRequest.of(0, LbaGrant.none(), null).withHeapBytes(4096)).value());
        }
    }

    @Test
    void aFullQueueIsReportedBusy() throws Exception {
        // 1 s of spinning each: the third submit must find both still there even on a stalled machine
        CsdConfig config = CsdConfig.DEFAULTS.withParallelism(1).withQueueDepth(1)
                .withLimits(ExecutionLimits.DEFAULTS.withWallTime(Duration.ofSeconds(1)).withMaxInstructions(0));
        try (Fixture f = new Fixture(config)) {
            f.csd.loadElf(0, "helper_spin", TestKernels.get("helper_spin"), ProgramOptions.DEFAULTS.withEngine(EngineKind.INTERPRETER));
            f.csd.activate(0);
            var running = f.csd.submit(ExecuteRequest.of(0, LbaGrant.none(), null));
            var queued = f.csd.submit(ExecuteRequest.of(0, LbaGrant.none(), null));
            CsdException e = assertThrows(CsdException.class, () -> f.csd.submit(ExecuteRequest.of(0, LbaGrant.none(), null)));
            assertEquals(CsdError.DEVICE_BUSY, e.error());
            assertThrows(CompletionException.class, running::join);
            assertThrows(CompletionException.class, queued::join);
        }
    }
}
