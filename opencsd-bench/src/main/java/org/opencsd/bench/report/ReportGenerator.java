package org.opencsd.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.opencsd.bench.csd.OffloadBytes;
import org.opencsd.cli.chart.ChartFiles;

/**
 * Writes the benchmark report into a results folder from the files a run left there:
 * {@code jmh.json} (JMH, one run), {@code gc-wa.json} (GC write amplification) and, when the mount
 * benchmarks have written them, {@code fio.json} and {@code db_bench.json}. Produces
 * {@code results.csv}, {@code comparisons.csv}, {@code gc-wa.csv}, one PNG chart per section and
 * {@code REPORT.md}. A section whose results are missing is left out with a one-line note.
 * Stateless; one generator may write one folder at a time.
 */
public final class ReportGenerator {
    private static final int WIDTH = 1000;

    private final Path dir;
    private final String mode;

    /**
     * @param dir  the results folder (read and written)
     * @param mode how the run was made, for the header ("quick", "full", or a description)
     */
    public ReportGenerator(Path dir, String mode) {
        this.dir = dir;
        this.mode = mode;
    }

    /** Generates everything and returns the path of {@code REPORT.md}. */
    public Path generate() throws IOException {
        Path jmhFile = dir.resolve("jmh.json");
        List<JmhRecord> jmh = Files.exists(jmhFile) ? JmhRecord.read(jmhFile) : List.of();
        Path gcFile = dir.resolve("gc-wa.json");
        List<GcResult> gc = Files.exists(gcFile) ? GcResult.read(gcFile) : List.of();
        CsvFiles.writeResults(dir.resolve("results.csv"), jmh);
        if (!gc.isEmpty()) CsvFiles.writeGc(dir.resolve("gc-wa.csv"), gc);

        Section offload = Sections.offload(jmh);
        List<Section> sections = new ArrayList<>(List.of(Sections.engines(jmh), offload, offloadBytes(offload, jmh),
                Sections.zns(jmh), Sections.fluffle(jmh)));
        List<String> missing = new ArrayList<>();
        external("fio.json", "fio-vs-passthrough", "fio matrix vs passthrough",
                "fio jobs on the mounted FluffleFS against the same jobs on a passthrough FUSE mount of a plain folder.",
                sections, missing);
        external("db_bench.json", "db-bench", "db_bench",
                "RocksDB db_bench workloads on the mounted FluffleFS against the passthrough baseline.", sections, missing);

        Markdown md = new Markdown();
        md.header(mode, jmhFile, jmh.size());
        for (Section s : sections) {
            if (s.comparisons().isEmpty()) {
                if (!missing.contains(s.title())) md.omitted(s.title(), "no results for it in " + dir.getFileName() + "/jmh.json");
                continue;
            }
            String png = s.id() + ".png";
            JFreeChart chart = RatioChart.build(s.title(), s.ratioName() + " vs " + s.comparisons().getFirst().baseline(), s.comparisons());
            ChartFiles.write(chart, dir.resolve(png), WIDTH, RatioChart.height(s.comparisons()));
            md.section(s, png);
        }
        for (String m : missing) md.omitted(m, "its results file was not found (written by the mount benchmarks)");
        if (gc.isEmpty()) {
            md.omitted("GC write amplification", "no gc-wa.json");
        } else {
            ChartFiles.write(GcChart.build(gc), dir.resolve("gc-wa.png"), WIDTH, 420);
            md.gc(gc, "gc-wa.png");
        }
        CsvFiles.writeComparisons(dir.resolve("comparisons.csv"), sections);
        Path report = dir.resolve("REPORT.md");
        Files.writeString(report, md.toString());
        return report;
    }

    private void external(String file, String id, String title, String text, List<Section> sections, List<String> missing)
            throws IOException {
        Path p = dir.resolve(file);
        if (Files.exists(p)) sections.add(ExternalSection.read(p, id, title, text));
        else missing.add(title);
    }

    /** Per offloaded kernel: bytes to the host offloaded and by the host baseline, from the run's zone size. */
    private static Section offloadBytes(Section s, List<JmhRecord> jmh) {
        List<Comparison> out = new ArrayList<>();
        for (Comparison c : s.comparisons()) {
            long zoneMiB = jmh.stream().filter(r -> r.className().equals("CsdOffloadBenchmark") && r.param("kernel").equals(c.label()))
                    .map(r -> r.param("zoneMiB")).filter(v -> !v.isEmpty()).mapToLong(Long::parseLong).findFirst().orElse(256);
            long off = OffloadBytes.toHost(c.label(), true, zoneMiB);
            long host = OffloadBytes.toHost(c.label(), false, zoneMiB);
            out.add(Comparison.of(c.label(), "offload", "host", off, host, "bytes/op", false));
        }
        return new Section("offload-bytes", "Offload vs host: bytes moved to the host",
                "Bytes that reach the host per operation of the runs above: the host baseline reads the whole zone; "
                        + "the offloaded kernel returns only its result (1 KiB for byte_histogram, 8 bytes otherwise), "
                        + "checked equal to the host's answer.", out, "times fewer bytes");
    }
}
