package org.opencsd.ebpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencsd.ebpf.Opcodes.*;

import java.lang.ref.WeakReference;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.ExecutionResult;
import org.opencsd.ebpf.FaultKind;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Instruction;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmFault;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.ebpf.VmOptions;

/** The compiler on programs the conformance suite does not reach: huge ones, and corner cases. */
class JitCompilerTest {
    private static final HelperRegistry HELPERS = StandardHelpers.registry();

    @Test
    void maximumLengthProgramCompilesIntoMethodsHotSpotCompiles() {
        Program p = Programs.huge(MAX_INSTRUCTIONS, 3);
        Verifier.verify(p, HELPERS);
        assertEquals(MAX_INSTRUCTIONS, p.length());
        CompiledProgram jit = JitCompiler.compile(p, HELPERS, VmOptions.DEFAULTS);
        assertTrue(jit.stats().largestMethod() <= JitCompiler.HUGE_METHOD, jit.stats().toString());
        assertTrue(jit.stats().classes() > 1, jit.stats().toString());
        assertSame(new Interpreter(p, HELPERS, VmOptions.DEFAULTS), jit, null);
    }

    @Test
    void budgetRunningOutInsideAHugeProgramFaultsAtTheInterpretersPc() {
        Program p = Programs.huge(20_000, 5);
        Verifier.verify(p, HELPERS);
        for (long budget : new long[] {1, 2, 17, 4_095, 33_333, 50_001}) {
            VmOptions o = VmOptions.DEFAULTS.withMaxInstructions(budget);
            VmFault expected = assertThrows(VmFault.class, () -> new Interpreter(p, HELPERS, o).execute(null));
            VmFault actual = assertThrows(VmFault.class, () -> JitCompiler.compile(p, HELPERS, o).execute(null));
            assertEquals(FaultKind.BUDGET_EXHAUSTED, actual.kind());
            assertEquals(expected.getMessage(), actual.getMessage());
            assertEquals(expected.pc(), actual.pc());
        }
    }

    @Test
    void functionsSpreadOverSeveralClassesCallEachOther() {
        Program p = Programs.manyFunctions(24, 2_000);
        Verifier.verify(p, HELPERS);
        CompiledProgram jit = JitCompiler.compile(p, HELPERS, VmOptions.DEFAULTS);
        assertTrue(jit.stats().classes() > 1, jit.stats().toString());
        assertSame(new Interpreter(p, HELPERS, VmOptions.DEFAULTS), jit, null);
    }

    @Test
    void callxIntoTheMiddleOfAFunctionRunsInTheInterpreter() {
        List<Instruction> code = List.of(
                Instruction.of(LDDW, 2, LDDW_FUNC, 0, 4),
                Instruction.of(0, 0, 0, 0, 0),
                Instruction.of(CLS_ALU64 | ALU_ADD, 2, 0, 0, 8),
                Instruction.of(CALLX, 2, 0, 0, 0),
                Instruction.of(EXIT, 0, 0, 0, 0),
                Instruction.of(CLS_ALU64 | ALU_MOV, 0, 0, 0, 1),
                Instruction.of(CLS_ALU64 | ALU_MOV, 0, 0, 0, 42),
                Instruction.of(EXIT, 0, 0, 0, 0));
        Program p = Program.of(code);
        CompiledProgram jit = JitCompiler.compile(p, HELPERS, VmOptions.DEFAULTS);
        ExecutionResult r = jit.execute(null);
        assertEquals(42, r.r0());
        assertSame(new Interpreter(p, HELPERS, VmOptions.DEFAULTS), jit, null);
    }

    @Test
    void memoryWithoutTheStandardStackRunsInTheInterpreterWithItsFaults() {
        Program p = Program.of(List.of(
                Instruction.of(CLS_ST | MODE_MEM | SIZE_DW, FP, 0, -8, 1),
                Instruction.of(CLS_LDX | MODE_MEM | SIZE_DW, 0, FP, -8, 0),
                Instruction.of(EXIT, 0, 0, 0, 0)));
        CompiledProgram jit = JitCompiler.compile(p, HELPERS, VmOptions.DEFAULTS);
        VmFault f = assertThrows(VmFault.class, () -> jit.execute(new VmMemory(), 0, 0, null));
        assertEquals(FaultKind.UNMAPPED, f.kind());
        assertEquals(0, f.pc());
        VmMemory small = new VmMemory();
        small.map(2, new byte[VmMemory.STACK_SIZE], false);
        VmFault ro = assertThrows(VmFault.class, () -> jit.execute(small, 0, 0, null));
        assertEquals(FaultKind.READ_ONLY, ro.kind());
        assertEquals(1, jit.execute(null).r0());
    }

    @Test
    void regionsRemappedByAHelperAreSeenAfterTheCall() {
        HelperRegistry helpers = HELPERS.toBuilder().add(9, "remap_input", 0, (ctx, r1, r2, r3, r4, r5) -> {
            ctx.memory().mapInput(new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
            return 0;
        }).build();
        List<Instruction> body = List.of(
                Instruction.of(CLS_ALU64 | ALU_MOV | SRC_X, 6, 1, 0, 0),
                Instruction.of(CLS_LDX | MODE_MEM | SIZE_B, 7, 6, 0, 0),
                Instruction.of(CALL, 0, CALL_HELPER, 0, 9),
                Instruction.of(CLS_LDX | MODE_MEM | SIZE_B, 0, 6, 0, 0),
                Instruction.of(CLS_ALU64 | ALU_MUL, 0, 0, 0, 100),
                Instruction.of(CLS_ALU64 | ALU_ADD | SRC_X, 0, 7, 0, 0));
        byte[] input = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        Program ok = Program.of(append(body, Instruction.of(EXIT, 0, 0, 0, 0)));
        Verifier.verify(ok, helpers);
        assertEquals(901, JitCompiler.compile(ok, helpers, VmOptions.DEFAULTS).execute(input.clone()).r0());
        Program stale = Program.of(append(body, Instruction.of(CLS_LDX | MODE_MEM | SIZE_B, 1, 6, 10, 0),
                Instruction.of(EXIT, 0, 0, 0, 0)));
        VmFault expected = assertThrows(VmFault.class,
                () -> new Interpreter(stale, helpers, VmOptions.DEFAULTS).execute(input.clone()));
        VmFault actual = assertThrows(VmFault.class,
                () -> JitCompiler.compile(stale, helpers, VmOptions.DEFAULTS).execute(input.clone()));
        assertEquals(expected.getMessage(), actual.getMessage());
        assertEquals(6, actual.pc());
    }

    private static List<Instruction> append(List<Instruction> head, Instruction... tail) {
        List<Instruction> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    @Test
    void hiddenClassesAreUnloadedWithTheProgram() throws InterruptedException {
        WeakReference<Class<?>> unit = compileAndForget();
        for (int i = 0; i < 50 && unit.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(unit.get(), "hidden class still loaded");
    }

    private static WeakReference<Class<?>> compileAndForget() {
        Program p = Program.of(List.of(Instruction.of(CLS_ALU64 | ALU_MOV, 0, 0, 0, 7), Instruction.of(EXIT, 0, 0, 0, 0)));
        CompiledProgram jit = JitCompiler.compile(p, HELPERS, VmOptions.DEFAULTS);
        assertEquals(7, jit.execute(null).r0());
        return new WeakReference<>(jit.units().getFirst());
    }

    /** Both engines give the same result (or the same fault) on {@code input}. */
    static void assertSame(ExecutionEngine expected, ExecutionEngine actual, byte[] input) {
        String e = outcome(expected, input);
        String a = outcome(actual, input);
        assertEquals(e, a);
    }

    private static String outcome(ExecutionEngine engine, byte[] input) {
        try {
            ExecutionResult r = engine.execute(input == null ? null : input.clone());
            return "r0=" + r.r0() + " n=" + r.instructions();
        } catch (VmFault f) {
            return f.kind() + " " + f.pc() + " " + f.getMessage();
        }
    }
}
