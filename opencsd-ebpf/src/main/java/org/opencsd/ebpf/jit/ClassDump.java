package org.opencsd.ebpf.jit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debug aid: when the system property {@value #PROPERTY} names a directory, every compilation
 * writes its unit class files there as {@code bpf<N>_unit<U>.class} (N counts compilations in this
 * JVM), for {@code javap -c -p}. Off (no effect, no cost beyond one property read) otherwise.
 * Thread-safe.
 */
final class ClassDump {
    /** The system property naming the dump directory. */
    static final String PROPERTY = "opencsd.jit.dump";
    private static final AtomicInteger COMPILATIONS = new AtomicInteger();

    private ClassDump() {}

    /**
     * Writes {@code classes} to the dump directory if the property is set; a directory that
     * cannot be written prints one line to standard error and does not fail the compilation.
     */
    static void write(List<byte[]> classes) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isEmpty()) return;
        int n = COMPILATIONS.getAndIncrement();
        try {
            Path root = Files.createDirectories(Path.of(dir));
            for (int u = 0; u < classes.size(); u++) {
                Files.write(root.resolve("bpf" + n + "_unit" + u + ".class"), classes.get(u));
            }
        } catch (IOException e) {
            System.err.println("opencsd: cannot dump JIT classes to " + dir + ": " + e.getMessage());
        }
    }
}
