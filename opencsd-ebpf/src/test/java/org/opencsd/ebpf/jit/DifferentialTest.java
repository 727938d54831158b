package org.opencsd.ebpf.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.ExecutionResult;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.Region;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmFault;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.ebpf.VmOptions;

/**
 * Differential test of the JIT against the interpreter: 10,000 generated programs (see
 * {@link ProgramGenerator}), each verified, then run by both engines on identical copies of the
 * same memory with the same budget (often small enough to run out). The outcomes must be
 * identical: the same r0 and instruction count, or the same fault (kind, pc and message); and
 * the input, stack and data bytes afterwards must be equal.
 */
class DifferentialTest {
    static final int IDENTITY = StandardHelpers.IDENTITY;
    static final int SUM = 7;
    static final int FAILS = 8;

    static final HelperRegistry HELPERS = StandardHelpers.registry().toBuilder()
            .add(SUM, "sum_bytes", 2, (ctx, r1, r2, r3, r4, r5) -> {
                long sum = 0;
                for (long i = 0; i < (r2 & 15); i++) sum += ctx.load8(r1 + i);
                return sum;
            })
            .add(FAILS, "fails_on_odd", 1, (ctx, r1, r2, r3, r4, r5) -> {
                if ((r1 & 1) != 0) throw new IllegalArgumentException("odd argument " + r1);
                return r1 * 3;
            })
            .build();

    private static final Map<String, Integer> OUTCOMES = new ConcurrentSkipListMap<>();

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 10_000)
    void jitMatchesInterpreter(@ForAll("seeds") long seed) {
        String kind = compare(ProgramGenerator.generate(seed), seed);
        OUTCOMES.merge(kind, 1, Integer::sum);
    }

    /**
     * Verifies {@code program}, runs it in both engines on the same random input with the same
     * random budget (both from {@code seed}) and asserts identical outcomes and memory; returns
     * the outcome's kind (a fault kind, or "completed").
     */
    static String compare(Program program, long seed) {
        Verifier.verify(program, HELPERS);
        Random rnd = new Random(seed ^ 0x5deece66dL);
        long budget = switch (rnd.nextInt(4)) {
            case 0, 1 -> 0;
            case 2 -> 1 + rnd.nextInt(60);
            default -> 1 + rnd.nextInt(400);
        };
        VmOptions options = VmOptions.DEFAULTS.withMaxInstructions(budget);
        byte[] input = new byte[ProgramGenerator.INPUT];
        rnd.nextBytes(input);
        Outcome expected = run(new Interpreter(program, HELPERS, options), input, null);
        Outcome actual = run(JitCompiler.compile(program, HELPERS, options), input, null);
        assertEquals(expected.summary(), actual.summary(), () -> "seed " + seed + " budget " + budget);
        assertArrayEquals(expected.input(), actual.input(), "input bytes, seed " + seed);
        assertArrayEquals(expected.stack(), actual.stack(), "stack bytes, seed " + seed);
        assertArrayEquals(expected.data(), actual.data(), "data bytes, seed " + seed);
        return expected.summary().startsWith("fault") ? expected.summary().split(" ")[1] : "completed";
    }

    @AfterContainer
    static void report() {
        System.out.println("differential outcomes: " + OUTCOMES);
    }

    /** What one execution did. */
    record Outcome(String summary, byte[] input, byte[] stack, byte[] data) {}

    private static byte[] copy(byte[] region) {
        return region == null ? new byte[0] : region.clone();
    }

    /** Runs {@code engine} on a copy of {@code initial} with the host {@code attachment} (may be null). */
    static Outcome run(ExecutionEngine engine, byte[] initial, Object attachment) {
        byte[] input = initial.clone();
        VmMemory memory = VmMemory.forProgram(engine.program(), engine.options());
        long r1 = memory.mapInput(input);
        String summary;
        try {
            ExecutionResult r = engine.execute(memory, r1, input.length, attachment);
            summary = "r0=" + r.r0() + " instructions=" + r.instructions();
        } catch (VmFault f) {
            summary = "fault " + f.kind() + " pc=" + f.pc() + " " + f.getMessage();
        }
        return new Outcome(summary, input, copy(memory.region(Region.STACK.id())), copy(memory.region(Region.DATA.id())));
    }
}
