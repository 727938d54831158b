package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opencsd.ebpf.jit.JitCompiler;

/**
 * Runs every case of the bpf_conformance suite through the JIT (from assembled text and from
 * {@code bytecode.tsv}): each program is verified, compiled to hidden classes and executed; the
 * result must be the suite's, and error cases must fail with the engine's own exception.
 */
class JitConformanceTest {
    @TestFactory
    Stream<DynamicTest> jitFromAssembly() {
        return ConformanceTest.CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> check(c, Assembler.assembleProgram(c.asm()))));
    }

    @TestFactory
    Stream<DynamicTest> jitFromBytecode() {
        return ConformanceTest.CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> check(c, Program.fromBytecode(c.bytecode()))));
    }

    private static void check(ConformanceCase c, Program program) {
        HelperRegistry helpers = StandardHelpers.registry();
        if (c.error() != null) {
            assertThrows(BpfException.class, () -> run(c, program, helpers));
            return;
        }
        assertEquals(String.format("0x%x", c.result()), String.format("0x%x", run(c, program, helpers)));
    }

    private static long run(ConformanceCase c, Program program, HelperRegistry helpers) {
        Verifier.verify(program, helpers);
        ExecutionEngine jit = JitCompiler.compile(program, helpers, VmOptions.DEFAULTS);
        return jit.execute(c.mem() == null ? null : c.mem().clone()).r0();
    }
}
