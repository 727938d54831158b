package org.opencsd.ebpf.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.ebpf.Assembler;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.VmOptions;

/** {@link ClassDump}: the debug property writes every compilation's class files, and only then. */
class ClassDumpTest {
    @Test
    void thePropertyDumpsParsableClassFiles(@TempDir Path dir) throws IOException {
        Program p = Program.of(Assembler.assemble("mov %r0, 7\nexit"));
        Path dump = dir.resolve("dump");
        System.setProperty(ClassDump.PROPERTY, dump.toString());
        try {
            JitCompiler.compile(p, DifferentialTest.HELPERS, VmOptions.DEFAULTS);
        } finally {
            System.clearProperty(ClassDump.PROPERTY);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dump)) {
            files = s.filter(f -> f.getFileName().toString().endsWith("_unit0.class")).toList();
        }
        assertTrue(!files.isEmpty(), "no unit class dumped");
        assertTrue(ClassFile.of().parse(Files.readAllBytes(files.getFirst())).methods().stream()
                .anyMatch(m -> m.methodName().equalsString("f0")), "the entry function's method is in unit 0");
        JitCompiler.compile(p, DifferentialTest.HELPERS, VmOptions.DEFAULTS);
        try (Stream<Path> s = Files.list(dump)) {
            assertEquals(files.size(), s.filter(f -> f.getFileName().toString().endsWith("_unit0.class")).count());
        }
    }
}
