package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencsd.ebpf.jit.EngineKind;

/**
 * {@link Interruptible} attachments: a host can stop a program that loops without calling any
 * helper, in both engines, and chunking the budget for the polls changes neither the
 * instruction count nor where a budget fault happens.
 */
class InterruptTest {
    /** r0 = 0; loop: r0 += 1; if r0 != r1 goto loop; exit — runs 2 * r1 + 2 instructions. */
    private static final Program COUNTER = Assembler.assembleProgram("""
            mov %r0, 0
            loop:
            add %r0, 1
            jne %r0, %r1, loop
            exit
            """);
    private static final Program SPIN = Assembler.assembleProgram("""
            loop:
            ja loop
            """);

    /** Asks for an interrupt after a given number of polls; counts the polls. */
    private static final class StopAfter implements Interruptible {
        final AtomicInteger polls = new AtomicInteger();
        final int after;

        StopAfter(int after) {
            this.after = after;
        }

        @Override
        public boolean interruptRequested() {
            return polls.incrementAndGet() > after;
        }
    }

    private static ExecutionEngine engine(EngineKind kind, Program p, long budget) {
        return kind.create(p, StandardHelpers.registry(), VmOptions.DEFAULTS.withMaxInstructions(budget));
    }

    private static ExecutionResult run(ExecutionEngine e, long r1, Object attachment) {
        VmMemory memory = VmMemory.forProgram(e.program(), e.options());
        return e.execute(memory, r1, 0, attachment);
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERPRETER", "JIT"})
    void anUnboundedLoopStopsWhenTheHostAsks(EngineKind kind) {
        StopAfter stop = new StopAfter(3);
        VmFault f = assertThrows(VmFault.class, () -> run(engine(kind, SPIN, 0), 0, stop));
        assertEquals(FaultKind.INTERRUPTED, f.kind());
        assertEquals(0, f.pc());
        assertEquals(4, stop.polls.get(), "polled once per chunk until asked to stop");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERPRETER", "JIT"})
    void chunkingKeepsTheInstructionCount(EngineKind kind) {
        long n = 3 * Fuel.CHECK_INTERVAL + 12_345;
        ExecutionEngine e = engine(kind, COUNTER, 0);
        ExecutionResult plain = run(e, n, null);
        StopAfter never = new StopAfter(Integer.MAX_VALUE);
        ExecutionResult polled = run(e, n, never);
        assertEquals(n, polled.r0());
        assertEquals(plain, polled);
        assertEquals(2 * n + 2, polled.instructions());
        assertTrue(never.polls.get() >= 6, "polls: " + never.polls.get());
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERPRETER", "JIT"})
    void chunkingKeepsTheBudgetFault(EngineKind kind) {
        long budget = 2 * Fuel.CHECK_INTERVAL + 7;
        ExecutionEngine e = engine(kind, COUNTER, budget);
        VmFault plain = assertThrows(VmFault.class, () -> run(e, Long.MAX_VALUE, null));
        VmFault polled = assertThrows(VmFault.class, () -> run(e, Long.MAX_VALUE, new StopAfter(Integer.MAX_VALUE)));
        assertEquals(FaultKind.BUDGET_EXHAUSTED, polled.kind());
        assertEquals(plain.kind(), polled.kind());
        assertEquals(plain.pc(), polled.pc());
        assertEquals(plain.getMessage(), polled.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERPRETER", "JIT"})
    void withoutAnInterruptibleNothingIsPolled(EngineKind kind) {
        assertEquals(1001, run(engine(kind, COUNTER, 0), 1001, "a plain attachment").r0());
    }
}
