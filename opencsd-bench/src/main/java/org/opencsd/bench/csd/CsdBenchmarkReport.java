package org.opencsd.bench.csd;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CsdOffloadBenchmark} and {@link CsdOverheadBenchmark} in one go and prints, per
 * kernel, the offloaded time next to the host baseline's (same run, same data), the bytes each
 * moves to the host and their ratios; then the per-execution overhead. On a shared machine the
 * load changes during a run, so each kernel's pair is measured back to back in
 * {@code -Dcsd.rounds} rounds (default 2) that alternate which side goes first; the figures are
 * the medians (means of the middle two for an even count) over the rounds. Bytes per operation are
 * exact: the host reads all 256 MiB; the device returns the kernel's result, whose size the
 * benchmark's setup has checked against the host's answer byte for byte. JMH arguments pass
 * through (e.g. {@code -f 1 -i 3}).
 */
public final class CsdBenchmarkReport {
    private CsdBenchmarkReport() {}

    private static final String[] KERNELS = {"zcsd_demo", "sum_u64", "byte_histogram", "min_max", "pattern_count"};

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        int rounds = Integer.getInteger("csd.rounds", 2);
        Map<String, double[][]> times = new HashMap<>();
        for (String k : KERNELS) {
            double[][] t = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                boolean hostFirst = r % 2 == 1;
                t[hostFirst ? 1 : 0][r] = score(cli, hostFirst ? "host" : "offload", k);
                t[hostFirst ? 0 : 1][r] = score(cli, hostFirst ? "offload" : "host", k);
            }
            times.put(k, t);
        }
        Collection<RunResult> overhead = new Runner(new OptionsBuilder().parent(cli)
                .include(CsdOverheadBenchmark.class.getName()).build()).run();
        printOffload(times, rounds);
        printOverhead(overhead);
    }

    private static double score(CommandLineOptions cli, String method, String kernel) throws Exception {
        String name = "^" + Pattern.quote(CsdOffloadBenchmark.class.getName() + "." + method) + "$";
        RunResult r = new Runner(new OptionsBuilder().parent(cli).include(name).param("kernel", kernel).build()).runSingle();
        return r.getPrimaryResult().getScore();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void printOffload(Map<String, double[][]> times, int rounds) {
        long zone = DemoZone.ZONE_LBAS * DemoZone.LBA;
        System.out.println();
        System.out.println("Offloaded kernel (JIT) vs host read + compute, one 256 MiB zone of demo data, file backend");
        System.out.println("(ms/op: JMH average per round, median of " + rounds + " alternating rounds; bytes per op)");
        System.out.printf(Locale.ROOT, "%-15s %11s %11s %9s %14s %14s %12s %s%n", "kernel", "offload ms", "host ms",
                "host/off", "to host (off)", "to host (host)", "bytes ratio", "  rounds offload | host");
        for (String k : KERNELS) {
            double[][] t = times.get(k);
            long returned = OffloadBytes.toHost(k, true, 256);
            System.out.printf(Locale.ROOT, "%-15s %11.1f %11.1f %8.2fx %14d %14d %11.0fx   %s | %s%n", k, median(t[0]), median(t[1]),
                    median(t[1]) / median(t[0]), returned, zone, (double) zone / returned, list(t[0]), list(t[1]));
        }
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) sb.append(sb.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.0f", x));
        return sb.toString();
    }

    private static void printOverhead(Collection<RunResult> results) {
        System.out.println();
        System.out.println("Per-execution overhead, program loaded once, 4 KiB granted (us/op)");
        for (RunResult r : results) {
            var p = r.getParams();
            String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
            System.out.printf(Locale.ROOT, "%-8s %-12s heap %8s  engine %-5s %8.2f us%n", method, p.getParam("kernel"),
                    p.getParam("heap"), p.getParam("engine"), r.getPrimaryResult().getScore());
        }
    }
}
