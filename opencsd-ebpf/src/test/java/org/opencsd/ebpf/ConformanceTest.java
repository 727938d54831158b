package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the bpf_conformance suite (CPU v4, all groups): the project's assembler
 * must produce the suite's bytecode, the verifier must accept the program, and the interpreter
 * must return the expected r0, both from assembled text and from {@code bytecode.tsv}.
 */
class ConformanceTest {
    static final List<ConformanceCase> CASES = ConformanceCase.all();

    @Test
    void suiteHasAllCases() {
        assertEquals(313, CASES.size());
        CASES.forEach(c -> assertNotNull(c.bytecode(), c.name() + " missing from bytecode.tsv"));
    }

    /** The repository's copy of the suite is the one the project was given, file for file (when that one is there). */
    @Test
    void vendoredCopyMatchesTheSharedSuite() throws IOException {
        Path shared = ConformanceCase.above("shared/conformance");
        Path vendored = ConformanceCase.above("third_party/bpf_conformance");
        assumeTrue(shared != null && vendored != null, "only one copy of the suite here");
        assertEquals(contents(shared), contents(vendored));
    }

    /** Relative path to SHA-256 of every file under {@code dir}. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] digest;
                try {
                    digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                } catch (NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
                out.put(dir.relativize(f).toString(), HexFormat.of().formatHex(digest));
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> assemblerMatchesSuiteBytecode() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertEquals(
                HexFormat.of().formatHex(c.bytecode()),
                HexFormat.of().formatHex(Assembler.assembleProgram(c.asm()).toBytecode()))));
    }

    @TestFactory
    Stream<DynamicTest> interpreterFromAssembly() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, Assembler.assembleProgram(c.asm()))));
    }

    @TestFactory
    Stream<DynamicTest> interpreterFromBytecode() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, Program.fromBytecode(c.bytecode()))));
    }

    @TestFactory
    Stream<DynamicTest> disassemblyRoundTrips() {
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Program p = Program.fromBytecode(c.bytecode());
            assertArrayEquals(c.bytecode(), Assembler.assembleProgram(Disassembler.disassemble(p)).toBytecode());
        }));
    }

    /** Runs {@code c} the way the suite's plugin contract says and checks the outcome. */
    static void check(ConformanceCase c, Program program) {
        HelperRegistry helpers = StandardHelpers.registry();
        if (c.error() != null) {
            assertThrows(BpfException.class, () -> run(c, program, helpers));
            return;
        }
        assertEquals(String.format("0x%x", c.result()), String.format("0x%x", run(c, program, helpers)));
    }

    static long run(ConformanceCase c, Program program, HelperRegistry helpers) {
        Verifier.verify(program, helpers);
        Interpreter vm = new Interpreter(program, helpers, VmOptions.DEFAULTS);
        return vm.execute(c.mem() == null ? null : c.mem().clone()).r0();
    }
}
