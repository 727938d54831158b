package org.opencsd.cli.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine jit} and {@code --engine auto} on the command line. */
class JitEngineCliTest {
    @TestFactory
    Stream<DynamicTest> everyConformanceCasePassesThroughThePluginWithTheJit() throws IOException {
        List<ConformancePluginTest.Case> all = ConformancePluginTest.cases();
        assertEquals(313, all.size());
        return all.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String code = ConformancePluginTest.spaced(c.code()) + "\n";
            CliRun r = c.mem() == null
                    ? CliRun.runWithStdin(code, "bpf", "conformance-plugin", "--engine", "jit")
                    : CliRun.runWithStdin(code, "bpf", "conformance-plugin", ConformancePluginTest.spaced(c.mem()),
                            "--engine", "jit");
            assertEquals(0, r.exit(), r.err());
            assertEquals(Long.toHexString(c.result()) + "\n", r.out());
        }));
    }

    @Test
    void faultsOfCompiledCodeReadAsTheInterpreters() {
        String program = "79 10 00 00 00 00 00 00 95 00 00 00 00 00 00 00\n";
        CliRun interpreted = CliRun.runWithStdin(program, "bpf", "conformance-plugin");
        for (String engine : new String[] {"jit", "auto"}) {
            CliRun r = CliRun.runWithStdin(program, "bpf", "conformance-plugin", "--engine", engine);
            assertEquals(1, r.exit());
            assertEquals(interpreted.err(), r.err());
        }
    }

    @Test
    void runChoosesTheEngine(@TempDir Path dir) throws IOException {
        Path asm = dir.resolve("loop.asm");
        Files.writeString(asm, """
                mov %r0, 0
                mov %r1, 1000
                loop:
                add %r0, %r1
                sub %r1, 1
                jne %r1, 0, loop
                exit
                """);
        for (String engine : new String[] {"interpreter", "jit", "auto"}) {
            CliRun r = CliRun.run("bpf", "run", asm.toString(), "--engine", engine, "--stats");
            assertEquals(0, r.exit(), r.err());
            assertEquals("0x7a314", r.out().lines().findFirst().orElseThrow(), engine);
            assertEquals("instructions: 3003", r.out().lines().skip(1).findFirst().orElseThrow(), engine);
        }
        CliRun budget = CliRun.run("bpf", "run", asm.toString(), "--engine", "jit", "--max-instructions", "100");
        assertEquals(CliRun.run("bpf", "run", asm.toString(), "--max-instructions", "100").err(), budget.err());
    }
}
