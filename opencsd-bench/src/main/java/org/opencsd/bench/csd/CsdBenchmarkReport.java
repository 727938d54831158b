package org.opencsd.bench.csd;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CsdOffloadBenchmark} and {@link CsdOverheadBenchmark} in one go and prints, per
 * kernel, the offloaded time next to the host baseline's (same run, same data), the bytes each
 * moves to the host and their ratios; then the per-execution overhead. Bytes per operation are
 * exact: the host reads all 256 MiB; the device returns the kernel's result, whose size the
 * benchmark's setup has checked against the host's answer byte for byte. JMH arguments pass
 * through (e.g. {@code -f 1 -i 3}).
 */
public final class CsdBenchmarkReport {
    private CsdBenchmarkReport() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> offload = new Runner(new OptionsBuilder().parent(cli)
                .include(CsdOffloadBenchmark.class.getName()).build()).run();
        Collection<RunResult> overhead = new Runner(new OptionsBuilder().parent(cli)
                .include(CsdOverheadBenchmark.class.getName()).build()).run();
        printOffload(offload);
        printOverhead(overhead);
    }

    private static void printOffload(Collection<RunResult> results) {
        Map<String, double[]> byKernel = new HashMap<>();
        for (RunResult r : results) {
            String kernel = r.getParams().getParam("kernel");
            boolean host = r.getParams().getBenchmark().endsWith(".host");
            byKernel.computeIfAbsent(kernel, k -> new double[2])[host ? 1 : 0] = r.getPrimaryResult().getScore();
        }
        long zone = DemoZone.ZONE_LBAS * DemoZone.LBA;
        System.out.println();
        System.out.println("Offloaded kernel vs host read + compute, one 256 MiB zone of demo data (file backend; ms/op, JMH average)");
        System.out.printf(Locale.ROOT, "%-15s %12s %12s %10s %16s %16s %14s%n", "kernel", "offload ms", "host ms",
                "host/off", "to host (off)", "to host (host)", "bytes ratio");
        for (String k : new String[] {"zcsd_demo", "sum_u64", "byte_histogram", "min_max", "pattern_count"}) {
            double[] t = byKernel.get(k);
            if (t == null) continue;
            long returned = k.equals("byte_histogram") ? 1024 : 8;
            System.out.printf(Locale.ROOT, "%-15s %12.1f %12.1f %9.2fx %16d %16d %13.0fx%n", k, t[0], t[1], t[1] / t[0],
                    returned, zone, (double) zone / returned);
        }
    }

    private static void printOverhead(Collection<RunResult> results) {
        System.out.println();
        System.out.println("Per-execution overhead, program loaded once, 4 KiB granted (us/op)");
        for (RunResult r : results) {
            var p = r.getParams();
            System.out.printf(Locale.ROOT, "%-12s heap %8s  engine %-5s %8.2f us%n", p.getParam("kernel"), p.getParam("heap"),
                    p.getParam("engine"), r.getPrimaryResult().getScore());
        }
    }
}
