package org.opencsd.bench.zns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the zns benchmarks and prints each file-backend figure next to the plain
 * {@code FileChannel} one, with the ratio and its target (appends at least 0.9x, random reads at
 * least 0.8x). On a shared machine the load changes during a run, so each pair is measured in
 * {@code -Dzns.rounds} rounds (default 3) that alternate which side goes first; the figures are
 * the medians over the rounds. Next to throughput it prints CPU time per operation of the
 * benchmark thread ({@link CpuTime}), which the machine's other load barely moves: its ratio
 * (plain CPU per op / zns CPU per op) is the emulator's intrinsic cost. JMH arguments pass
 * through, e.g. {@code -f 1 -wi 2 -i 3}.
 */
public final class ZnsBenchmarkReport {
    private ZnsBenchmarkReport() {}

    /** One comparison: the zns benchmark, its plain-file baseline, the size parameter, the target. */
    private record Pair(String label, String zns, String plain, String size, double target) {}

    /** One run's throughput (ops/s) and CPU nanoseconds per operation. */
    private record Score(double opsPerSecond, double cpuNanosPerOp) {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        int rounds = Integer.getInteger("zns.rounds", 3);
        String append = ZnsAppendBenchmark.class.getName();
        String read = ZnsRandomReadBenchmark.class.getName();
        List<Pair> pairs = List.of(
                new Pair("append 4 KiB", append + ".appendZns", append + ".appendPlainFile", "4096", 0.9),
                new Pair("append 128 KiB", append + ".appendZns", append + ".appendPlainFile", "131072", 0.9),
                new Pair("random read 4 KiB", read + ".readZns", read + ".readPlainFile", null, 0.8));
        List<String> lines = new ArrayList<>();
        for (Pair p : pairs) {
            Score[] zns = new Score[rounds];
            Score[] plain = new Score[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    zns[r] = score(cli, p.zns(), p.size());
                    plain[r] = score(cli, p.plain(), p.size());
                } else {
                    plain[r] = score(cli, p.plain(), p.size());
                    zns[r] = score(cli, p.zns(), p.size());
                }
            }
            lines.add(line(p, zns, plain));
        }
        System.out.println();
        System.out.println("zns file backend vs plain FileChannel (ops/s: median of " + rounds
                + " alternating rounds; CPU ns/op: benchmark thread, all rounds)");
        lines.forEach(System.out::println);
    }

    private static Score score(CommandLineOptions cli, String benchmark, String size) throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cli).include("^" + Pattern.quote(benchmark) + "$");
        if (size != null) b.param("size", size);
        RunResult r = new Runner(b.build()).runSingle();
        double cpu = r.getSecondaryResults().get("cpuNanos").getScore();
        double calls = r.getSecondaryResults().get("calls").getScore();
        return new Score(r.getPrimaryResult().getScore(), calls == 0 ? Double.NaN : cpu / calls);
    }

    private static String line(Pair p, Score[] zns, Score[] plain) {
        double z = median(zns, Score::opsPerSecond);
        double f = median(plain, Score::opsPerSecond);
        double ratio = z / f;
        StringBuilder rounds = new StringBuilder();
        for (int i = 0; i < zns.length; i++) {
            rounds.append(String.format(" %.2f", zns[i].opsPerSecond() / plain[i].opsPerSecond()));
        }
        double zc = median(zns, Score::cpuNanosPerOp);
        double fc = median(plain, Score::cpuNanosPerOp);
        return String.format("%-18s zns %,10.0f  file %,10.0f ops/s      ratio %.2fx %s (target %.1fx; per round:%s)%n"
                        + "%-18s zns %,10.0f  file %,10.0f CPU ns/op  ratio %.2fx %s",
                p.label(), z, f, ratio, verdict(ratio, p.target()), p.target(), rounds,
                "", zc, fc, fc / zc, verdict(fc / zc, p.target()));
    }

    private static String verdict(double ratio, double target) {
        return ratio >= target ? "met" : "MISSED";
    }

    private static double median(Score[] scores, java.util.function.ToDoubleFunction<Score> f) {
        double[] s = new double[scores.length];
        for (int i = 0; i < s.length; i++) s[i] = f.applyAsDouble(scores[i]);
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
