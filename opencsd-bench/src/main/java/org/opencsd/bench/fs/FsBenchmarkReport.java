package org.opencsd.bench.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The FluffleFS benchmark report, in one run: sequential 1 GiB write and read and 4 KiB random
 * reads and writes through the API, each next to the raw zoned device (same geometry, file
 * images in the same folder) with the ratio (target: sequential at least 0.8x the device), then
 * write amplification under the garbage collector at 80 % and 90 % utilisation.
 *
 * <p>The sequential pairs are measured by {@link SequentialComparison}: both sides interleaved in
 * this JVM, {@code -Dfs.seq.rounds} rounds (default 8) after one warm-up round, medians of the
 * per-round ratios, and a CPU-time ratio. The random pairs are JMH runs (JMH arguments pass
 * through, e.g. {@code -f 1 -wi 1 -i 3}) in {@code -Dfs.rounds} rounds (default 2) alternating
 * which side goes first; their figures are the means over the rounds, and the per-round ratios
 * are printed. {@code -Dfs.pairs=REGEX} keeps only the comparisons whose label matches;
 * {@code -Dfs.wa=false} skips the write-amplification runs.
 */
public final class FsBenchmarkReport {
    private FsBenchmarkReport() {}

    private record Pair(String label, String fs, String fsParam, String dev, String devParam, boolean timed, double target) {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        String rnd = FsRandomBenchmark.class.getName();
        List<Pair> pairs = List.of(
                new Pair("random read 4 KiB", rnd + ".fluffleRandomRead4k", null, rnd + ".deviceRandomRead4k", null, false, 0),
                new Pair("random write 4 KiB (device: 4 KiB append)", rnd + ".fluffleRandomWrite4k", null, rnd + ".deviceAppend4k", null, false, 0));
        int rounds = Integer.getInteger("fs.rounds", 2);
        int seqRounds = Integer.getInteger("fs.seq.rounds", 8);
        List<String> lines = new ArrayList<>();
        Pattern only = Pattern.compile(System.getProperty("fs.pairs", ".*"));
        if (only.matcher("sequential write").find()) lines.add(SequentialComparison.write(1, seqRounds).format(0.8));
        if (only.matcher("sequential read").find()) lines.add(SequentialComparison.read(1, seqRounds).format(0.8));
        for (Pair p : pairs) {
            if (!only.matcher(p.label()).find()) continue;
            double f = 0;
            double d = 0;
            StringBuilder perRound = new StringBuilder();
            for (int r = 0; r < rounds; r++) {
                double fr;
                double dr;
                if (r % 2 == 0) {
                    fr = score(cli, p.fs(), p.fsParam());
                    dr = score(cli, p.dev(), p.devParam());
                } else {
                    dr = score(cli, p.dev(), p.devParam());
                    fr = score(cli, p.fs(), p.fsParam());
                }
                f += fr / rounds;
                d += dr / rounds;
                perRound.append(String.format(" %.2f", p.timed() ? dr / fr : fr / dr));
            }
            lines.add(line(p, f, d) + "  per round:" + perRound);
        }
        List<String> wa = new ArrayList<>();
        if (Boolean.parseBoolean(System.getProperty("fs.wa", "true"))) for (double u : new double[] {0.8, 0.9}) wa.add(FsWriteAmplification.format(FsWriteAmplification.measure(u, 4)));
        System.out.println();
        System.out.println("FluffleFS through its Java API vs the raw zoned device (file images, same folder)");
        lines.forEach(System.out::println);
        wa.forEach(System.out::println);
    }

    private static double score(CommandLineOptions cli, String benchmark, String target) throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cli).include("^" + Pattern.quote(benchmark) + "$");
        if (target != null) b.param("target", target);
        RunResult r = new Runner(b.build()).runSingle();
        return r.getPrimaryResult().getScore();
    }

    private static String line(Pair p, double fs, double dev) {
        if (p.timed()) {
            double fsMib = 1024 / (fs / 1000);
            double devMib = 1024 / (dev / 1000);
            double ratio = fsMib / devMib;
            return String.format("%-48s FluffleFS %,8.0f MiB/s  device %,8.0f MiB/s  ratio %.2fx (target %.1fx: %s)",
                    p.label(), fsMib, devMib, ratio, p.target(), ratio >= p.target() ? "met" : "MISSED");
        }
        return String.format("%-48s FluffleFS %,10.0f ops/s (%,6.0f MiB/s)  device %,10.0f ops/s  ratio %.2fx",
                p.label(), fs, fs * 4096 / (1 << 20), dev, fs / dev);
    }
}
