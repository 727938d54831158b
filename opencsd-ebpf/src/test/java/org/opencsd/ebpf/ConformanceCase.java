package org.opencsd.ebpf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One case of the bpf_conformance suite, parsed from its {@code .data} file: sections
 * {@code -- asm}, {@code -- mem}, {@code -- result}, {@code -- error}, {@code -- raw}.
 */
record ConformanceCase(String name, String asm, byte[] mem, Long result, String error, byte[] bytecode) {

    /**
     * The suite's directory: system property {@code opencsd.conformance.dir}; else
     * {@code shared/conformance} above the working directory (the copy the project was given);
     * else the repository's own copy, {@code third_party/bpf_conformance} above it.
     */
    static Path suiteDir() {
        String prop = System.getProperty("opencsd.conformance.dir");
        if (prop != null) return Path.of(prop);
        Path shared = above("shared/conformance");
        return shared != null ? shared : Objects.requireNonNull(above("third_party/bpf_conformance"),
                "conformance suite not found (set -Dopencsd.conformance.dir)");
    }

    /** The nearest {@code relative} folder holding {@code tests/} above the working directory, or null. */
    static Path above(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve(relative);
            if (Files.isDirectory(candidate.resolve("tests"))) return candidate;
        }
        return null;
    }

    /** All cases, sorted by name, with their {@code bytecode.tsv} program. */
    static List<ConformanceCase> all() {
        Path dir = suiteDir();
        Map<String, byte[]> tsv = bytecodes(dir.resolve("bytecode.tsv"));
        try (Stream<Path> files = Files.list(dir.resolve("tests"))) {
            List<ConformanceCase> cases = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".data")).sorted().toList()) {
                cases.add(parse(f, tsv));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> bytecodes(Path tsv) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t");
                if (f.length == 2 && !f[0].equals("test")) map.put(f[0], HexFormat.of().parseHex(f[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

    static ConformanceCase parse(Path file, Map<String, byte[]> tsv) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.data$", "");
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("-- ")) {
                current = new StringBuilder();
                sections.put(line.substring(3).trim(), current);
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        String asm = sections.containsKey("asm") ? sections.get("asm").toString() : "";
        byte[] mem = sections.containsKey("mem") ? parseHexBytes(sections.get("mem").toString()) : null;
        Long result = null;
        if (sections.containsKey("result")) {
            String r = sections.get("result").toString().replaceAll("#.*", "").trim();
            result = Long.parseUnsignedLong(r.replaceFirst("^0x", ""), r.startsWith("0x") ? 16 : 10);
        }
        String error = sections.containsKey("error") ? sections.get("error").toString().trim() : null;
        return new ConformanceCase(name, asm, mem, result, error, tsv.get(name));
    }

    /** Parses whitespace-separated hex bytes (comments with {@code #} allowed). */
    static byte[] parseHexBytes(String text) {
        String hex = text.replaceAll("#.*", "").replaceAll("\\s+", "");
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return name;
    }
}
