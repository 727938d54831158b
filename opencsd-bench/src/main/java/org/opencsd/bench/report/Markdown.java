package org.opencsd.bench.report;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Builds {@code REPORT.md}: a header naming the run, a summary of every comparison, then per
 * section its text, chart and table of scores with the ratio to the baseline. Not thread-safe.
 */
final class Markdown {
    private final StringBuilder head = new StringBuilder();
    private final StringBuilder summary = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder notes = new StringBuilder();

    void header(String mode, Path jmhFile, int records) {
        head.append("# OpenCSD for the JVM: benchmark report\n\n");
        head.append("Run: ").append(mode).append(", ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT)))
                .append(", Java ").append(Runtime.version()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores. ")
                .append(records).append(" JMH results from `").append(jmhFile.getFileName()).append("`. ")
                .append("Every ratio compares two measurements of the same run; speed-up > 1 means the candidate is faster ")
                .append("than its baseline.\n\n");
    }

    void section(Section s, String png) {
        double geo = 0;
        for (Comparison c : s.comparisons()) geo += Math.log(c.speedup());
        geo = Math.exp(geo / s.comparisons().size());
        summary.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", s.title(), s.comparisons().size(),
                ratio(geo), ratio(s.comparisons().stream().mapToDouble(Comparison::speedup).min().orElse(0)),
                ratio(s.comparisons().stream().mapToDouble(Comparison::speedup).max().orElse(0))));
        body.append("## ").append(s.title()).append("\n\n").append(s.text()).append("\n\n");
        body.append("![").append(s.title()).append("](").append(png).append(")\n\n");
        body.append("| compared | candidate | baseline | candidate score | baseline score | unit | ").append(s.ratioName()).append(" |\n");
        body.append("|---|---|---|---:|---:|---|---:|\n");
        for (Comparison c : s.comparisons()) {
            body.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", c.label(), c.candidate(),
                    c.baseline(), num(c.value()), num(c.base()), c.unit(), ratio(c.speedup())));
        }
        body.append('\n');
    }

    void gc(List<GcResult> gc, String png) {
        body.append("## GC write amplification\n\n")
                .append("A file filling the given share of the usable space, then uniformly random 4 KiB overwrites; ")
                .append("WA = bytes the file system wrote to the device (data, GC relocations, metadata) / bytes the ")
                .append("application wrote, both counted in the same run (1.0 is the baseline: no amplification).\n\n");
        body.append("![GC write amplification](").append(png).append(")\n\n");
        body.append("| utilisation | overwrites | WA | of which metadata | blocks moved | zones reclaimed | seconds |\n");
        body.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (GcResult g : gc) {
            body.append(String.format(Locale.ROOT, "| %.0f %% | %,d | %.2f | %.2f | %,d | %,d | %.1f |%n",
                    g.utilisation() * 100, g.overwrites(), g.writeAmplification(), g.metadataShare(), g.blocksMoved(),
                    g.zonesReclaimed(), g.seconds()));
        }
        body.append('\n');
    }

    void omitted(String title, String why) {
        notes.append("- ").append(title).append(": omitted, ").append(why).append(".\n");
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 100 ? "%,.0fx" : r >= 10 ? "%.1fx" : "%.2fx", r);
    }

    private static String num(double v) {
        if (v >= 1e6 && v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);  // byte counts
        if (v >= 1e6) return String.format(Locale.ROOT, "%.3g", v);
        if (v >= 100) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(head);
        if (!summary.isEmpty()) {
            sb.append("| section | comparisons | geometric mean ratio | lowest | highest |\n|---|---:|---:|---:|---:|\n")
                    .append(summary).append('\n');
        }
        sb.append(body);
        if (!notes.isEmpty()) sb.append("## Not in this report\n\n").append(notes).append('\n');
        return sb.toString();
    }
}
