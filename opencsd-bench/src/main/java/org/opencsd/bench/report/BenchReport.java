package org.opencsd.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.opencsd.bench.csd.CsdOffloadBenchmark;
import org.opencsd.bench.fs.FsSequentialBenchmark;
import org.opencsd.bench.fs.FsSequentialReadBenchmark;
import org.opencsd.bench.fs.FsWriteAmplification;
import org.opencsd.bench.jit.JitBenchmark;
import org.opencsd.bench.zns.ZnsAppendBenchmark;
import org.opencsd.bench.zns.ZnsRandomReadBenchmark;
import org.opencsd.cli.progress.Progress;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code make bench}: runs the report's benchmarks, then {@link ReportGenerator}. Usage:
 * {@code BenchReport [--quick] [--progress] [--results DIR] [--render-only]}. Full mode uses each
 * benchmark's own warm-up and measurement settings; {@code --quick} runs one short warm-up and two
 * short measurements per benchmark, 1 MiB inputs for the engines, a 64 MiB zone for offload and
 * one overwrite pass for GC (a few minutes on 2 cores). JMH's own log goes to
 * {@code DIR/jmh.log}; a progress bar shows on a terminal (or with {@code --progress}).
 * {@code --render-only} skips the runs and regenerates the report from the files in DIR.
 */
public final class BenchReport {
    private BenchReport() {}

    /** One JMH step of the run. */
    /** A benchmark class of the report; {@code quickWarmups}: its 1 s warm-up iterations in quick mode. */
    private record Step(String name, Class<?> benchmark, String[][] quickParams, int quickWarmups) {
        Step(String name, Class<?> benchmark, String[][] quickParams) {
            this(name, benchmark, quickParams, 1);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean progress = false;
        boolean renderOnly = false;
        Path dir = Path.of("bench/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--progress" -> progress = true;
                case "--render-only" -> renderOnly = true;
                case "--results" -> dir = Path.of(args[++i]);
                default -> {
                    System.err.println("bench report: unknown argument " + args[i]
                            + " (use --quick, --progress, --results DIR, --render-only)");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(dir);
        String mode = quick ? "quick (1 x 1 s warm-up, 4 for the eBPF engines; 2 x 1 s measurement, smaller sizes)" : "full (each benchmark's own settings)";
        if (!renderOnly) run(dir, quick, progress);
        Path report = new ReportGenerator(dir, renderOnly ? "regenerated from earlier results" : mode).generate();
        System.out.println("report: " + report);
    }

    private static void run(Path dir, boolean quick, boolean progress) throws Exception {
        List<Step> steps = List.of(
                // the JIT's hidden classes start in HotSpot's interpreter: 1 s of warm-up measured them half-compiled
                new Step("eBPF engines", JitBenchmark.class, new String[][] {{"size", "1048576"}}, 4),
                new Step("offload vs host", CsdOffloadBenchmark.class, new String[][] {{"zoneMiB", "64"}}),
                new Step("ZNS append", ZnsAppendBenchmark.class, new String[0][]),
                new Step("ZNS random read", ZnsRandomReadBenchmark.class, new String[0][]),
                new Step("FluffleFS write", FsSequentialBenchmark.class, new String[0][]),
                new Step("FluffleFS read", FsSequentialReadBenchmark.class, new String[0][]));
        double[] utils = {0.8, 0.9};
        JsonArray all = new JsonArray();
        Path log = dir.resolve("jmh.log");
        Files.deleteIfExists(log);
        try (Progress bar = Progress.start("bench", steps.size() + utils.length, "steps", progress, false)) {
            for (Step s : steps) {
                bar.message(s.name());
                if (!bar.visible()) System.err.println("bench: " + s.name() + "...");
                Path part = Files.createTempFile(dir, "jmh-", ".json");
                ChainedOptionsBuilder o = new OptionsBuilder().include("^" + s.benchmark().getName().replace(".", "\\.") + "\\.")
                        .resultFormat(ResultFormatType.JSON).result(part.toString()).output(log + "." + s.benchmark().getSimpleName());
                if (quick) {
                    o.forks(1).warmupIterations(s.quickWarmups()).warmupTime(TimeValue.seconds(1)).measurementIterations(2)
                            .measurementTime(TimeValue.seconds(1)).timeUnit(unitOf(s));
                    for (String[] p : s.quickParams()) o.param(p[0], p[1]);
                }
                new Runner(o.build()).run();
                all.addAll(JsonParser.parseString(Files.readString(part)).getAsJsonArray());
                Files.delete(part);
                appendLog(log, log.resolveSibling(log.getFileName() + "." + s.benchmark().getSimpleName()));
                bar.step(1);
            }
            Files.writeString(dir.resolve("jmh.json"), all.toString());
            List<GcResult> gc = new ArrayList<>();
            for (double u : utils) {
                bar.message(String.format(Locale.ROOT, "GC at %.0f %%", u * 100));
                if (!bar.visible()) System.err.printf(Locale.ROOT, "bench: GC write amplification at %.0f %%...%n", u * 100);
                FsWriteAmplification.Result r = FsWriteAmplification.measure(u, quick ? 1 : 4);
                gc.add(new GcResult(r.utilisation(), r.overwrites(), r.writeAmplification(), r.metadataShare(),
                        r.blocksMoved(), r.zonesReclaimed(), r.seconds()));
                bar.step(1);
            }
            GcResult.write(dir.resolve("gc-wa.json"), gc);
        }
    }

    /** Quick runs keep each benchmark's own unit (JMH would otherwise default to seconds). */
    private static TimeUnit unitOf(Step s) {
        var u = s.benchmark().getAnnotation(org.openjdk.jmh.annotations.OutputTimeUnit.class);
        return u == null ? TimeUnit.SECONDS : u.value();
    }

    private static void appendLog(Path log, Path part) throws java.io.IOException {
        if (!Files.exists(part)) return;
        Files.writeString(log, Files.readString(part), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Files.delete(part);
    }
}
