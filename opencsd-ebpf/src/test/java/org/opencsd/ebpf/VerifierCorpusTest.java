package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus of unsafe programs ({@code src/test/resources/verifier/unsafe/*.asm}): each file
 * names in a {@code # rule: NAME} line the one rule it breaks, and the verifier must reject it
 * for exactly that rule, naming the instruction.
 */
class VerifierCorpusTest {
    static List<Path> corpus() throws IOException, URISyntaxException {
        Path dir = Path.of(VerifierCorpusTest.class.getResource("/verifier/unsafe").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".asm")).sorted().toList();
        }
    }

    static VerifierRule ruleOf(String text) {
        return text.lines().filter(l -> l.startsWith("# rule:")).map(l -> VerifierRule.valueOf(l.substring(7).trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no '# rule:' line"));
    }

    @Test
    void corpusHasAtLeastThirtyProgramsCoveringEveryInstructionRule() throws Exception {
        List<Path> files = corpus();
        assertTrue(files.size() >= 30, "corpus size " + files.size());
        Set<VerifierRule> covered = EnumSet.noneOf(VerifierRule.class);
        for (Path f : files) covered.add(ruleOf(Files.readString(f)));
        Set<VerifierRule> expected = EnumSet.allOf(VerifierRule.class);
        expected.remove(VerifierRule.PROGRAM_SIZE); // cannot be built: Program rejects such sizes itself
        assertEquals(expected, covered);
    }

    @TestFactory
    Stream<DynamicTest> everyUnsafeProgramIsRejectedForItsRule() throws Exception {
        return corpus().stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String text = Files.readString(f);
            Program p = Assembler.assembleProgram(text);
            VerifierException e = assertThrows(VerifierException.class, () -> Verifier.verify(p, StandardHelpers.registry()));
            assertEquals(ruleOf(text), e.rule(), e.getMessage());
            assertTrue(e.getMessage().matches("verifier: pc \\d+ \\(.+\\): .+ \\[.+]"), e.getMessage());
        }));
    }

    @Test
    void rejectionNamesInstructionAndRule() {
        Program p = Assembler.assembleProgram("mov %r0, 0\nadd %r0, %r3\nexit");
        VerifierException e = assertThrows(VerifierException.class, () -> Verifier.verify(p, HelperRegistry.empty()));
        assertEquals("verifier: pc 1 (add %r0, %r3): r3 is read before it is written [no uninitialised registers]",
                e.getMessage());
        assertEquals(1, e.pc());
    }

    @Test
    void acceptsStackPointerPassedToHelperAsInitialising() {
        HelperRegistry h = HelperRegistry.builder().add(1, "fill", 2, (ctx, a, b, c, d, e) -> 0).build();
        Program p = Assembler.assembleProgram("""
                mov %r1, %r10
                add %r1, -8
                mov %r2, 8
                call 1
                ldxdw %r0, [%r10-8]
                exit""");
        Verifier.verify(p, h);
    }

    @Test
    void acceptsBoundedLoopOverStack() {
        Program p = Assembler.assembleProgram("""
                mov %r1, 0
                stdw [%r10-8], 0
                loop:
                ldxdw %r2, [%r10-8]
                add %r2, %r1
                stxdw [%r10-8], %r2
                add %r1, 1
                jlt %r1, 10, loop
                ldxdw %r0, [%r10-8]
                exit""");
        Verifier.verify(p, HelperRegistry.empty());
        assertEquals(45, new Interpreter(p, HelperRegistry.empty(), VmOptions.DEFAULTS).execute(null).r0());
    }
}
