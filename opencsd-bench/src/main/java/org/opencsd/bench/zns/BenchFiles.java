package org.opencsd.bench.zns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder the zns benchmarks put their image and their plain file in (the same folder, so
 * both see the same file system): {@code -Dzns.bench.dir=DIR}, else the system temporary folder.
 */
final class BenchFiles {
    private BenchFiles() {}

    static Path newFolder() throws IOException {
        Path base = Path.of(System.getProperty("zns.bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(base, "zns-bench");
    }

    static void delete(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) return;
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
