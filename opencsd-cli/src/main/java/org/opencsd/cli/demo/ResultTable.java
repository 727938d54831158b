package org.opencsd.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The demo's side-by-side table: for each task, the host's way and the device's way with their
 * answer, wall time and bytes moved to the host, then a ratio row (answers equal?, host time /
 * device time, host bytes / device bytes). Stateless.
 */
final class ResultTable {
    private static final String ROW = "%-34s %-24s %11s %18s%n";

    private ResultTable() {}

    static void print(PrintWriter out, List<Comparison> rows) {
        out.printf(Locale.ROOT, ROW, "", "answer", "wall time", "bytes to the host");
        for (Comparison c : rows) {
            out.println(c.task());
            line(out, c.host());
            line(out, c.device());
            out.printf(Locale.ROOT, ROW, "  ratio host / device", c.equal() ? "equal" : "DIFFERENT",
                    String.format(Locale.ROOT, "%.2fx", c.speedup()), String.format(Locale.ROOT, "%,.0fx fewer", c.bytesSaved()));
        }
        out.println("(time ratio above 1: the device path is faster; both paths run on this machine's CPUs)");
    }

    private static void line(PrintWriter out, Measurement m) {
        out.printf(Locale.ROOT, ROW, "  " + m.how(), m.answer(), String.format(Locale.ROOT, "%.3f s", m.seconds()),
                String.format(Locale.ROOT, "%,d", m.bytesToHost()));
    }
}
