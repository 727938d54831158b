package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opencsd.ebpf.jit.JitCompiler;

/**
 * Every clang-compiled object of the project (test fixtures and benchmark kernels, every clang
 * and {@code -mcpu}) runs identically in the interpreter and the JIT: the same r0 and
 * instruction count, or the same fault, on inputs of several sizes (including none) and with a
 * budget small enough to run out.
 */
class JitKernelsTest {
    @TestFactory
    Stream<DynamicTest> everyProjectObjectRunsAlikeInBothEngines() throws Exception {
        return ElfLoaderTest.objects("").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> compare(p)));
    }

    private static void compare(Path object) throws Exception {
        Program program = ElfLoaderTest.load(object);
        Verifier.verify(program, StandardHelpers.registry());
        Random rnd = new Random(7);
        for (int size : new int[] {0, 4, 4099, 65536}) {
            byte[] input = new byte[size];
            rnd.nextBytes(input);
            for (VmOptions options : new VmOptions[] {VmOptions.DEFAULTS, VmOptions.DEFAULTS.withMaxInstructions(5_000)}) {
                String expected = outcome(new Interpreter(program, StandardHelpers.registry(), options), input);
                String actual = outcome(JitCompiler.compile(program, StandardHelpers.registry(), options), input);
                assertEquals(expected, actual, size + " bytes, budget " + options.maxInstructions());
            }
        }
    }

    private static String outcome(ExecutionEngine engine, byte[] input) {
        try {
            ExecutionResult r = engine.execute(input.clone());
            return "r0=" + r.r0() + " instructions=" + r.instructions();
        } catch (VmFault f) {
            return f.kind() + " " + f.getMessage();
        }
    }
}
