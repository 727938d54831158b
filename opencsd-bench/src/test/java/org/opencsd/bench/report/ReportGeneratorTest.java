package org.opencsd.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on a small hand-written JMH JSON fixture (src/test/resources/report). */
class ReportGeneratorTest {
    @TempDir Path dir;

    private void copy(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/report/" + name)) {
            assertNotNull(in, name);
            Files.copy(in, dir.resolve(name));
        }
    }

    private void assertPng(String name) throws IOException {
        BufferedImage img = ImageIO.read(dir.resolve(name).toFile());
        assertNotNull(img, name + " decodes");
        assertEquals(1000, img.getWidth(), name);
        assertTrue(img.getHeight() >= 360, name);
    }

    @Test
    void writesSectionsWithRatiosChartsAndCsvAndNotesWhatIsMissing() throws IOException {
        copy("jmh.json");
        copy("gc-wa.json");
        String md = Files.readString(new ReportGenerator(dir, "quick").generate());
        assertTrue(md.startsWith("# OpenCSD for the JVM: benchmark report\n\nRun: quick, "), md);
        assertTrue(md.contains("| SUM_U64 1 MiB | interpreter | java | 100 | 2,000 | ops/s | 0.05x |"), md);
        assertTrue(md.contains("| SUM_U64 1 MiB | jit | java | 1,000 | 2,000 | ops/s | 0.50x |"), md);
        assertTrue(md.contains("| FNV1A 1 MiB | jit | java | 400 | 400 | ops/s | 1.00x |"), md);
        assertTrue(md.contains("| sum_u64 | offload | host | 20.0 | 50.0 | ms/op | 2.50x |"), md);
        assertTrue(md.contains("| sum_u64 | offload | host | 8.00 | 67,108,864 | bytes/op | 8,388,608x |"), md);
        assertTrue(md.contains("| append 4 KiB | zoned device | FileChannel | 90,000 | 100,000 | ops/s | 0.90x |"), md);
        assertTrue(md.contains("| sequential write | FluffleFS | device | 1,500 | 1,000 | ms/op | 0.67x |"), md);
        assertTrue(md.contains("| 90 % | 65,536 | 4.25 | 0.12 | 200,000 | 220 | 5.0 |"), md);
        assertTrue(md.contains("| eBPF engines: interpreter and JIT vs plain Java | 4 | 0.24x | 0.05x | 1.00x |"), md);
        assertTrue(md.contains("- fio matrix vs passthrough: omitted, its results file was not found (written by the mount benchmarks)."), md);
        assertTrue(md.contains("- db_bench: omitted, its results file was not found"), md);
        assertFalse(md.contains("## fio matrix"), md);
        for (String png : List.of("ebpf-engines.png", "offload-vs-host.png", "offload-bytes.png", "zns-vs-filechannel.png", "fluffle-vs-device.png")) {
            assertTrue(md.contains("](" + png + ")"), png);
            assertPng(png);
        }
        assertEquals(420, ImageIO.read(dir.resolve("gc-wa.png").toFile()).getHeight());
        List<String> csv = Files.readAllLines(dir.resolve("comparisons.csv"));
        assertEquals("section,label,candidate,baseline,candidate_score,baseline_score,unit,speedup", csv.getFirst());
        assertTrue(csv.contains("offload-vs-host,sum_u64,offload,host,20.0000,50.0000,ms/op,2.50000"), csv.toString());
        assertEquals(1 + 12, Files.readAllLines(dir.resolve("results.csv")).size());
        assertEquals(3, Files.readAllLines(dir.resolve("gc-wa.csv")).size());
    }

    @Test
    void aSectionAppearsWhenItsResultsFileExists() throws IOException {
        copy("jmh.json");
        copy("fio.json");
        String md = Files.readString(new ReportGenerator(dir, "full").generate());
        assertTrue(md.contains("## fio matrix vs passthrough"), md);
        assertTrue(md.contains("| randread 4k qd1 | FluffleFS | passthrough | 400 | 800 | MiB/s | 0.50x |"), md);
        assertPng("fio-vs-passthrough.png");
        assertTrue(md.contains("- GC write amplification: omitted, no gc-wa.json."), md);
    }

    @Test
    void aBrokenResultsFileIsAnErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("jmh.json"), "{\"not\": \"an array\"}");
        IOException e = assertThrows(IOException.class, () -> new ReportGenerator(dir, "quick").generate());
        assertEquals(dir.resolve("jmh.json") + " is not a JMH result array", e.getMessage());
    }
}
