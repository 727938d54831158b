package org.opencsd.bench.zns;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the zns benchmarks (JMH arguments pass through, e.g. {@code -f 1 -wi 2 -i 3}) and prints
 * each file-backend figure next to the plain {@code FileChannel} one of the same run, with the
 * ratio and the target (appends at least 0.9x, random reads at least 0.8x).
 */
public final class ZnsBenchmarkReport {
    private ZnsBenchmarkReport() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Options opts = new OptionsBuilder().parent(cli)
                .include(ZnsAppendBenchmark.class.getName()).include(ZnsRandomReadBenchmark.class.getName())
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, Double> score = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String size = r.getParams().getParam("size");
            score.put(name.substring(name.lastIndexOf('.') + 1) + (size == null ? "" : ":" + size),
                    r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("zns file backend vs plain FileChannel (ops/s, same run)");
        line(score, "append 4 KiB", "appendZns:4096", "appendPlainFile:4096", 0.9);
        line(score, "append 128 KiB", "appendZns:131072", "appendPlainFile:131072", 0.9);
        line(score, "random read 4 KiB", "readZns", "readPlainFile", 0.8);
    }

    private static void line(Map<String, Double> score, String what, String zns, String plain, double target) {
        Double z = score.get(zns);
        Double p = score.get(plain);
        if (z == null || p == null) return;
        double ratio = z / p;
        System.out.printf("%-18s zns %,12.0f  file %,12.0f  ratio %.2fx  (target %.1fx: %s)%n", what, z, p, ratio,
                target, ratio >= target ? "met" : "MISSED");
    }
}
