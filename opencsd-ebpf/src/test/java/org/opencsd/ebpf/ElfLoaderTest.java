package org.opencsd.ebpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Loads the objects the build compiles from {@code src/test/c} and {@code kernels/bench} with
 * clang 14 ({@code -mcpu=v1..v3}) and clang 19 ({@code v1..v4}), verifies and runs them.
 */
class ElfLoaderTest {
    static Path elfDir() throws URISyntaxException {
        return Path.of(ElfLoaderTest.class.getResource("/elf").toURI());
    }

    static List<Path> objects(String prefix) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(elfDir())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".o"))
                    .sorted().toList();
        }
    }

    static Program load(Path p) throws IOException {
        return ElfLoader.load(Files.readAllBytes(p), null, StandardHelpers.registry());
    }

    static long run(Program p, byte[] input) {
        Verifier.verify(p, StandardHelpers.registry());
        return new Interpreter(p, StandardHelpers.registry(), VmOptions.DEFAULTS).execute(input).r0();
    }

    @Test
    void buildCompiledEveryCompilerAndCpuVersion() throws Exception {
        List<String> names = objects("features-").stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("features-clang14-v1.o", "features-clang14-v2.o", "features-clang14-v3.o",
                "features-clang19-v1.o", "features-clang19-v2.o", "features-clang19-v3.o", "features-clang19-v4.o"), names);
    }

    /** rodata, data, bss, strings, helpers by name and id, local calls, a function pointer (callx). */
    @TestFactory
    Stream<DynamicTest> featuresObjectRunsOnEveryVariant() throws Exception {
        return objects("features-").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Program program = load(p);
            assertEquals(11151 + 5 + 11 + 108, run(program, new byte[] {5, 0, 0, 0}));
            assertEquals(10 + 8 + 11000 + 0 + 'h' + 2 + 2 + 108, run(program, new byte[0]));
            assertTrue(program.functions().keySet().containsAll(List.of("main", "twice")), program.functions().toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyProjectKernelIsAccepted() throws Exception {
        return objects("").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () ->
                Verifier.verify(load(p), StandardHelpers.registry())));
    }

    @TestFactory
    Stream<DynamicTest> benchKernelsComputeTheirFunction() throws Exception {
        byte[] input = new byte[4096 + 3];
        new java.util.Random(42).nextBytes(input);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(input).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long sum = 0;
        for (int i = 0; i + 8 <= input.length; i += 8) sum += b.getLong(i);
        long count = 0;
        for (int i = 0; i + 4 <= input.length; i += 4) count += Integer.toUnsignedLong(b.getInt(i)) > 0x7fffffffL ? 1 : 0;
        long h = 0xcbf29ce484222325L;
        for (byte x : input) h = (h ^ (x & 0xff)) * 0x100000001b3L;
        long[] counts = new long[256];
        for (byte x : input) counts[x & 0xff]++;
        long hist = 0;
        for (int i = 0; i < 256; i++) hist += i * counts[i] * counts[i];
        long[] expected = {sum, count, h, hist};
        String[] names = {"sum_u64-", "filter_count_u32-", "fnv1a-", "byte_histogram-"};
        return java.util.stream.IntStream.range(0, 4).boxed().flatMap(i -> {
            try {
                return objects(names[i]).stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                        () -> assertEquals(expected[i], run(load(p), input.clone()))));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void entryBySectionOrFunctionName() throws Exception {
        byte[] elf = Files.readAllBytes(objects("features-clang19-v4").get(0));
        Program twice = ElfLoader.load(elf, "twice", StandardHelpers.registry());
        assertEquals(twice.functions().get("twice"), twice.entry());
        Program text = ElfLoader.load(elf, ".text", StandardHelpers.registry());
        assertEquals(0, text.entry());
        BpfLoadException e = assertThrows(BpfLoadException.class,
                () -> ElfLoader.load(elf, "nope", StandardHelpers.registry()));
        assertEquals("no function or executable section named 'nope'", e.getMessage());
    }

    @Test
    void unknownHelperNameIsALoadError() throws Exception {
        byte[] elf = Files.readAllBytes(objects("features-clang14-v3").get(0));
        BpfLoadException e = assertThrows(BpfLoadException.class, () -> ElfLoader.load(elf, null, HelperRegistry.empty()));
        assertTrue(e.getMessage().startsWith("unknown helper 'identity' called at pc "), e.getMessage());
    }

    @Test
    void badInputsAreClearLoadErrors() throws Exception {
        byte[] elf = Files.readAllBytes(objects("features-clang19-v3").get(0));
        assertEquals("not an ELF object: file too short (10 bytes)", loadError(java.util.Arrays.copyOf(elf, 10)));
        assertTrue(loadError(java.util.Arrays.copyOf(elf, 200)).startsWith("truncated or corrupt ELF"));
        byte[] wrongMachine = elf.clone();
        wrongMachine[18] = 62;
        assertEquals("wrong ELF machine type 62 (expected BPF, 247)", loadError(wrongMachine));
        byte[] notElf = "hello, this is not an object file at all, just some text........".getBytes();
        assertEquals("not an ELF object: bad magic", loadError(notElf));
    }

    private static String loadError(byte[] bytes) {
        return assertThrows(BpfLoadException.class, () -> ElfLoader.load(bytes, null, StandardHelpers.registry())).getMessage();
    }
}
