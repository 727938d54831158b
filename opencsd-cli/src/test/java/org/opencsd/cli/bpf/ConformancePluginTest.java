package org.opencsd.cli.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Drives {@code opencsd bpf conformance-plugin} exactly as the suite's runner does: memory as one
 * argument of spaced hex bytes (omitted without memory), the program as spaced hex on standard
 * input, r0 expected in hex on standard output.
 */
class ConformancePluginTest {
    /** A case: name, memory (null if none), expected r0, program bytecode. */
    record Case(String name, byte[] mem, long result, byte[] code) {}

    /** {@code shared/conformance} above the working directory, else the repository's {@code third_party/bpf_conformance}. */
    static Path suiteDir() {
        for (String relative : new String[] {"shared/conformance", "third_party/bpf_conformance"}) {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                Path candidate = p.resolve(relative);
                if (Files.isDirectory(candidate.resolve("tests"))) return candidate;
            }
        }
        throw new IllegalStateException("conformance suite not found");
    }

    static List<Case> cases() throws IOException {
        Path dir = suiteDir();
        Map<String, byte[]> code = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("bytecode.tsv"))) {
            String[] f = line.split("\t");
            if (!f[0].equals("test")) code.put(f[0], HexFormat.of().parseHex(f[1]));
        }
        List<Case> cases = new ArrayList<>();
        for (var e : code.entrySet()) {
            String text = Files.readString(dir.resolve("tests/" + e.getKey() + ".data"));
            String mem = section(text, "mem");
            String result = section(text, "result").replaceAll("#.*", "").trim();
            cases.add(new Case(e.getKey(), mem == null ? null : HexFormat.of().parseHex(mem.replaceAll("#.*|\\s+", "")),
                    Long.parseUnsignedLong(result.replaceFirst("^0x", ""), 16), e.getValue()));
        }
        return cases;
    }

    private static String section(String text, String name) {
        int at = text.indexOf("\n-- " + name + "\n");
        if (at < 0) return null;
        int start = at + name.length() + 5;
        int end = text.indexOf("\n-- ", start);
        return text.substring(start, end < 0 ? text.length() : end + 1);
    }

    static String spaced(byte[] b) {
        return HexFormat.ofDelimiter("  ").formatHex(b);
    }

    @TestFactory
    Stream<DynamicTest> everyCasePassesThroughThePlugin() throws IOException {
        List<Case> all = cases();
        assertEquals(313, all.size());
        return all.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CliRun r = c.mem() == null
                    ? CliRun.runWithStdin(spaced(c.code()) + "\n", "bpf", "conformance-plugin")
                    : CliRun.runWithStdin(spaced(c.code()) + "\n", "bpf", "conformance-plugin", spaced(c.mem()));
            assertEquals(0, r.exit(), r.err());
            assertEquals(Long.toHexString(c.result()) + "\n", r.out());
        }));
    }

    @Test
    void acceptsProgramOptionUnspacedHexAndIgnoresRunnerOptions() {
        CliRun r = CliRun.run("bpf", "conformance-plugin", "--program", "b70000002a0000009500000000000000", "--debug");
        assertEquals(0, r.exit(), r.err());
        assertEquals("2a\n", r.out());
        CliRun withValue = CliRun.runWithStdin("b7 00 00 00 07 00 00 00 95 00 00 00 00 00 00 00\n",
                "bpf", "conformance-plugin", "--cpu_version", "v4");
        assertEquals("7\n", withValue.out(), withValue.err());
        CliRun unspacedMemory = CliRun.run("bpf", "conformance-plugin", "0102",
                "--program", "69100000000000009500000000000000");
        assertEquals("201\n", unspacedMemory.out(), unspacedMemory.err());
    }

    @Test
    void errorsExitNonZeroWithTheErrorText() {
        CliRun r = CliRun.runWithStdin("79 10 00 00 00 00 00 00 95 00 00 00 00 00 00 00\n", "bpf", "conformance-plugin");
        assertEquals(1, r.exit());
        assertEquals("opencsd: access to unmapped memory at pc 0: 8 bytes at 0x0 (region null, offset 0x0)\n", r.err());
        CliRun bad = CliRun.runWithStdin("zz\n", "bpf", "conformance-plugin");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("opencsd: bad program hex"), bad.err());
    }

    /** A minimal relocatable BPF object: one {@code .text} section holding {@code code}. */
    static byte[] minimalElf(byte[] code) {
        byte[] names = "\0.text\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        int textOff = 64;
        int namesOff = textOff + code.length;
        int shoff = (namesOff + names.length + 7) / 8 * 8;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(shoff + 3 * 64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        b.putShort((short) 1).putShort((short) 247).putInt(1).putLong(0).putLong(0).putLong(shoff).putInt(0);
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0).putShort((short) 64).putShort((short) 3)
                .putShort((short) 2);
        b.put(code).put(names);
        b.position(shoff + 64); // section 0 stays null
        b.putInt(1).putInt(1).putLong(6).putLong(0).putLong(textOff).putLong(code.length).putInt(0).putInt(0)
                .putLong(8).putLong(0);
        b.putInt(7).putInt(3).putLong(0).putLong(0).putLong(namesOff).putLong(names.length).putInt(0).putInt(0)
                .putLong(1).putLong(0);
        return b.array();
    }

    @Test
    void runsElfObjectsWithTheElfOption() {
        byte[] code = HexFormat.of().parseHex("71100000000000009500000000000000"); // ldxb r0, [r1]; exit
        CliRun r = CliRun.runWithStdin(spaced(minimalElf(code)) + "\n", "bpf", "conformance-plugin", "2a", "--elf");
        assertEquals(0, r.exit(), r.err());
        assertEquals("2a\n", r.out());
        CliRun raw = CliRun.runWithStdin(spaced(minimalElf(code)) + "\n", "bpf", "conformance-plugin", "2a");
        assertEquals(1, raw.exit()); // without --elf the object is taken as bytecode, and rejected
    }

    /** The real process: argv, stdin, stdout and exit code as the suite's runner sees them. */
    @Test
    void worksAsASeparateProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Case c = cases().stream().filter(x -> x.name().equals("subnet")).findFirst().orElseThrow();
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.opencsd.cli.Main", "bpf", "conformance-plugin", spaced(c.mem())).start();
        p.getOutputStream().write((spaced(c.code()) + "\n").getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("1\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(0, p.exitValue());
    }
}
