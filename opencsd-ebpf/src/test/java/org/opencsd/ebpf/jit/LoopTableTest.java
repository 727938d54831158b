package org.opencsd.ebpf.jit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.opencsd.ebpf.Assembler;
import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.Decoder;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmFault;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.ebpf.VmOptions;

/**
 * The table copies of versioned loops ({@link LoopTable}): which proven accesses become table
 * elements, and, through the differential harness, that every loop whose proof or entry check
 * must fail (a mask too wide for the region, a base at the region's end, a shift that
 * overflows, an index changed between mask and access, misaligned elements, another access
 * into the same array, a fault inside the loop) still gives the interpreter's outcome and memory.
 */
class LoopTableTest {
    /**
     * Histogram of input elements loaded by {@code load} ({@code ldxb}, {@code ldxh}), masked,
     * shifted and added to {@code base}; u64 bins at {@code [base + index + off]}; {@code extra}
     * goes after the increment.
     */
    private static String histogram(String load, long mask, int shift, long base, int off, String extra) {
        return "mov %r3, 0\nL1:\nmov %r4, %r1\nadd %r4, %r3\n" + load + " %r4, [%r4]\nand %r4, " + mask + "\nlsh %r4, "
                + shift + "\nlddw %r5, " + base + "\nadd %r5, %r4\nldxdw %r0, [%r5+" + off + "]\nadd %r0, 1\nstxdw [%r5+"
                + off + "], %r0\n" + extra + "add %r3, 1\njlt %r3, %r2, L1\nexit";
    }

    private static final long DATA = 0x600000000L;

    private static Program program(String asm, int dataSize) {
        return new Program(Assembler.assemble(asm), 0, Map.of(), new byte[16], new byte[dataSize]);
    }

    /** The tables of the first versioned loop of {@code p}'s entry function. */
    private static List<LoopTable> tables(Program p) {
        List<List<LoopTable>> all = allTables(p);
        if (all.isEmpty()) throw new AssertionError("no versioned loop");
        return all.getFirst();
    }

    /** The tables of each versioned loop of {@code p}'s entry function. */
    private static List<List<LoopTable>> allTables(Program p) {
        DecodedProgram dp = Decoder.decode(p, DifferentialTest.HELPERS);
        List<Block> blocks = ControlFlow.analyze(dp, p.functionStarts()).function(0);
        List<List<LoopTable>> all = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            LoopPlan plan = LoopAnalysis.of(dp, blocks.get(i), i + 1 < blocks.size() ? blocks.get(i + 1) : null);
            if (plan != null) all.add(LoopTable.of(dp, plan));
        }
        return all;
    }

    /** Guards {@code LoopVersioningTest}'s property: many of its generated loops have tables. */
    @Test
    void manyGeneratedLoopsHaveTables() {
        int programs = 0;
        for (long seed = 0; seed < 300; seed++) {
            if (allTables(ProgramGenerator.generateLoops(seed)).stream().anyMatch(t -> !t.isEmpty())) programs++;
        }
        assertTrue(programs > 100, programs + " of 300 programs have a loop with a table");
    }

    @Test
    void maskedShiftedIndexesIntoDataAreOneTable() {
        List<LoopTable> t = tables(program(histogram("ldxb", 255, 3, DATA, 0, ""), 2048));
        assertEquals(List.of(new LoopTable(6, 8, 0, 256, true, t.getFirst().pcs())), t);
        assertEquals(256, t.getFirst().length());
        LoopTable offset = tables(program(histogram("ldxb", 15, 3, DATA + 16, 8, ""), 2048)).getFirst();
        assertEquals(24, offset.start());
        assertEquals(16, offset.count());
    }

    @Test
    void unprovenMisalignedOrUnmodelledAccessesUseNoTable() {
        assertEquals(List.of(), tables(program(histogram("ldxb", 255, 30, DATA, 0, ""), 2048))); // shift overflows
        assertEquals(List.of(), tables(program(histogram("ldxb", 255, 2, DATA, 0, ""), 2048))); // 4-byte steps, 8-byte elements
        assertEquals(List.of(), tables(program(histogram("ldxb", 255, 3, DATA, 0, "ldxdw %r6, [%r5+4]\n"), 2048)));
        assertEquals(List.of(), tables(program(histogram("ldxb", 255, 3, DATA, 0, "ldxdw %r6, [%r0]\n"), 2048))); // through an unknown pointer
        String changed = "mov %r3, 0\nL1:\nmov %r4, %r1\nadd %r4, %r3\nldxb %r4, [%r4]\nand %r4, 255\nlsh %r4, 3\n"
                + "lddw %r5, 0x600000000\nadd %r5, %r4\nmov %r5, %r1\nldxdw %r0, [%r5]\nadd %r3, 1\njlt %r3, %r2, L1\nexit";
        assertEquals(List.of(), tables(program(changed, 2048)));
    }

    @Test
    void tablesMatchTheInterpreterAtEveryEdge() {
        String[] programs = {
            histogram("ldxb", 255, 3, DATA, 0, ""),
            histogram("ldxh", 511, 3, DATA, 0, ""),          // mask too wide for a 2 KiB region
            histogram("ldxb", 255, 3, DATA + 2040, 0, ""),   // base near the region's end
            histogram("ldxb", 255, 3, DATA + 2048, 0, ""),   // base at the region's end
            histogram("ldxb", 127, 3, DATA + 1024, 0, ""),   // just fits
            histogram("ldxb", 127, 3, DATA + 1025, 0, ""),   // one byte past, unaligned
            histogram("ldxb", 255, 3, 0x500000000L, 0, ""),  // read-only data
            histogram("ldxb", 255, 3, DATA, 0, "stxdw [%r10-8], %r0\nldxdw %r7, [%r10-8]\n"),
            histogram("ldxb", 255, 30, DATA, 0, ""),
            "mov %r3, 0\nL1:\nmov %r4, %r1\nadd %r4, %r3\nldxb %r4, [%r4]\nand %r4, 255\nlsh %r4, 2\n"
                    + "lddw %r5, 0x600000000\nadd %r5, %r4\nldxw %r0, [%r5]\nldxsw %r6, [%r5+1024]\nadd %r0, %r6\n"
                    + "stxw [%r5], %r0\nstw [%r5+1024], -3\nadd %r3, 1\njlt %r3, %r2, L1\nexit",
        };
        Random rnd = new Random(11);
        for (String asm : programs) {
            for (int dataSize : new int[] {0, 1024, 2047, 2048, 4096}) {
                Program p = program(asm, dataSize);
                for (int len : new int[] {1, 64, 1000}) {
                    byte[] input = new byte[len];
                    rnd.nextBytes(input);
                    for (long budget : new long[] {0, 37, 4000}) {
                        same(p, VmOptions.DEFAULTS.withMaxInstructions(budget), input);
                    }
                }
            }
        }
    }

    @Test
    void anAffineAccessIntoTheTablesArrayTakesTheOrdinaryCode() {
        // reads the bytes it counts from the data region itself, over the bins: a stale copy would differ
        String asm = "lddw %r1, 0x600000000\nmov %r3, 0\nL1:\nmov %r4, %r1\nadd %r4, %r3\nldxb %r4, [%r4]\nlsh %r4, 3\n"
                + "lddw %r5, 0x600000000\nadd %r5, %r4\nldxdw %r0, [%r5]\nadd %r0, 1\nstxdw [%r5], %r0\n"
                + "add %r3, 1\njlt %r3, %r2, L1\nldxdw %r0, [%r5]\nexit";
        byte[] data = new byte[2048];
        for (int i = 0; i < 256; i++) data[i * 8] = (byte) (i * 7 + 1);
        Program p = new Program(Assembler.assemble(asm), 0, Map.of(), new byte[16], data);
        assertEquals(1, tables(p).size());
        String outcome = same(p, VmOptions.DEFAULTS, new byte[2000]);
        assertTrue(outcome.startsWith("r0="), outcome);
    }

    @Test
    void aFaultInsideTheLoopLeavesTheStoresOfEarlierIterations() {
        Program p = program(histogram("ldxb", 255, 3, DATA, 0, "stxdw [%r10-16], %r0\n"), 2048);
        assertEquals(1, tables(p).size());
        byte[] input = new byte[100];
        new Random(2).nextBytes(input);
        for (int stack : new int[] {0, 8, 16, 512}) {
            String[] outcomes = new String[2];
            byte[][] datas = new byte[2][];
            ExecutionEngine[] engines = {new Interpreter(p, DifferentialTest.HELPERS, VmOptions.DEFAULTS),
                    JitCompiler.compile(p, DifferentialTest.HELPERS, VmOptions.DEFAULTS)};
            for (int e = 0; e < 2; e++) {
                VmMemory m = new VmMemory();
                m.map(2, new byte[stack], true);
                datas[e] = new byte[2048];
                m.map(6, datas[e], true);
                long r1 = m.mapInput(input.clone());
                try {
                    outcomes[e] = "r0=" + engines[e].execute(m, r1, input.length, null).r0();
                } catch (VmFault f) {
                    outcomes[e] = f.kind() + " " + f.pc() + " " + f.getMessage();
                }
            }
            assertEquals(outcomes[0], outcomes[1], stack + "-byte stack");
            assertArrayEquals(datas[0], datas[1], stack + "-byte stack");
        }
    }

    /** Runs {@code p} in both engines; asserts equal outcomes and memory; returns the outcome. */
    private static String same(Program p, VmOptions options, byte[] input) {
        Verifier.verify(p, DifferentialTest.HELPERS);
        DifferentialTest.Outcome expected = DifferentialTest.run(new Interpreter(p, DifferentialTest.HELPERS, options), input, null);
        DifferentialTest.Outcome actual = DifferentialTest.run(JitCompiler.compile(p, DifferentialTest.HELPERS, options), input, null);
        assertEquals(expected.summary(), actual.summary());
        assertArrayEquals(expected.input(), actual.input());
        assertArrayEquals(expected.stack(), actual.stack());
        assertArrayEquals(expected.data(), actual.data());
        return expected.summary();
    }
}
