package org.opencsd.ebpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.VmOptions;

/** The auto engine: interpreted at first, compiled in the background once hot, same results. */
class AutoEngineTest {
    private static final Program LOOP = Programs.huge(300, 4);

    @Test
    void interpretsUntilHotThenRunsCompiledCode() throws InterruptedException {
        AutoEngine auto = new AutoEngine(LOOP, StandardHelpers.registry(), VmOptions.DEFAULTS);
        Interpreter reference = new Interpreter(LOOP, StandardHelpers.registry(), VmOptions.DEFAULTS);
        long expected = reference.execute(null).r0();
        for (int i = 1; i < AutoEngine.HOT_EXECUTIONS; i++) {
            assertEquals(expected, auto.execute(null).r0());
            assertFalse(auto.isCompiled());
        }
        assertEquals(expected, auto.execute(null).r0());
        assertTrue(auto.awaitCompiled(Duration.ofSeconds(30)));
        assertEquals(reference.execute(null), auto.execute(null));
    }

    @Test
    void concurrentExecutionsAgreeWhileTheProgramIsCompiled() throws Exception {
        AutoEngine auto = new AutoEngine(LOOP, StandardHelpers.registry(), VmOptions.DEFAULTS);
        var expected = new Interpreter(LOOP, StandardHelpers.registry(), VmOptions.DEFAULTS).execute(null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) assertEquals(expected, auto.execute(null));
                }));
            }
            for (Future<?> f : runs) f.get();
        } finally {
            pool.shutdown();
        }
        assertTrue(auto.awaitCompiled(Duration.ofSeconds(30)));
    }

    @Test
    void engineKindsCreateTheirEngines() {
        assertTrue(EngineKind.parse("interpreter").create(LOOP, StandardHelpers.registry(), VmOptions.DEFAULTS)
                instanceof Interpreter);
        ExecutionEngine jit = EngineKind.parse("JIT").create(LOOP, StandardHelpers.registry(), VmOptions.DEFAULTS);
        assertTrue(jit instanceof CompiledProgram);
        assertTrue(EngineKind.AUTO.create(LOOP, StandardHelpers.registry(), VmOptions.DEFAULTS) instanceof AutoEngine);
        assertEquals("auto", EngineKind.AUTO.toString());
    }
}
