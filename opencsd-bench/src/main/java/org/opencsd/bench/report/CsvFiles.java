package org.opencsd.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The report's CSV files (RFC 4180 quoting, a header row, '.' decimals). Stateless. */
final class CsvFiles {
    private CsvFiles() {}

    static void writeResults(Path file, List<JmhRecord> rs) throws IOException {
        StringBuilder sb = new StringBuilder("benchmark,mode,params,score,error,unit\n");
        for (JmhRecord r : rs) {
            StringJoiner p = new StringJoiner(";");
            new java.util.TreeMap<>(r.params()).forEach((k, v) -> p.add(k + "=" + v));
            sb.append(row(r.benchmark(), r.mode(), p.toString(), num(r.score()), num(r.error()), r.unit()));
        }
        Files.writeString(file, sb);
    }

    static void writeComparisons(Path file, List<Section> sections) throws IOException {
        StringBuilder sb = new StringBuilder("section,label,candidate,baseline,candidate_score,baseline_score,unit,speedup\n");
        for (Section s : sections) {
            for (Comparison c : s.comparisons()) {
                sb.append(row(s.id(), c.label(), c.candidate(), c.baseline(), num(c.value()), num(c.base()), c.unit(), num(c.speedup())));
            }
        }
        Files.writeString(file, sb);
    }

    static void writeGc(Path file, List<GcResult> gc) throws IOException {
        StringBuilder sb = new StringBuilder("utilisation,overwrites,write_amplification,metadata_share,blocks_moved,zones_reclaimed,seconds\n");
        for (GcResult g : gc) {
            sb.append(row(num(g.utilisation()), String.valueOf(g.overwrites()), num(g.writeAmplification()), num(g.metadataShare()),
                    String.valueOf(g.blocksMoved()), String.valueOf(g.zonesReclaimed()), num(g.seconds())));
        }
        Files.writeString(file, sb);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static String row(String... cells) {
        StringJoiner j = new StringJoiner(",", "", "\n");
        for (String c : cells) j.add(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        return j.toString();
    }
}
