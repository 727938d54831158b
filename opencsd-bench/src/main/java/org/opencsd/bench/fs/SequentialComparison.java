package org.opencsd.bench.fs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sequential 1 GiB write and read ({@link SequentialTarget}: 1 MiB requests; writes end with
 * fsync / flush), FluffleFS against the raw device, interleaved in one JVM: each round times
 * both sides back to back, alternating which goes first, so a change of the machine's load hits
 * both sides of a round alike. Separate JMH runs minutes apart gave per-round ratios from 0.60 to
 * 1.72 for the same code on the shared 2-core machine; the median of per-round ratios does not
 * move with the load that much. Each side is timed by wall clock and by the benchmark thread's
 * CPU time (user + system: the copies into and out of the page cache; not the disk's time behind
 * fsync). Writes start from fresh images every round; reads use one image per side, written once,
 * and read it {@value #READ_PASSES} times a round (one 1 GiB pass from the page cache takes a
 * quarter of a second, too short to time on a loaded machine).
 *
 * <p>Not thread-safe; one comparison at a time.
 */
final class SequentialComparison {
    private static final double GIB_MIB = 1024;
    static final int READ_PASSES = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SequentialComparison() {}

    /**
     * One comparison: medians over the rounds.
     *
     * @param fsMibs FluffleFS MiB/s (median of rounds)
     * @param devMibs raw device MiB/s (median of rounds)
     * @param ratio median of the per-round throughput ratios FluffleFS / device
     * @param cpuRatio median of the per-round CPU ratios device CPU / FluffleFS CPU (1 = same cost)
     * @param rounds the per-round throughput ratios
     */
    record Result(String label, double fsMibs, double devMibs, double ratio, double cpuRatio, double[] rounds) {
        String format(double target) {
            StringBuilder per = new StringBuilder();
            for (double r : rounds) per.append(String.format(" %.2f", r));
            return String.format("%-48s FluffleFS %,8.0f MiB/s  device %,8.0f MiB/s  ratio %.2fx (target %.1fx: %s)"
                            + "  CPU-time ratio %.2fx  per round:%s",
                    label, fsMibs, devMibs, ratio, target, ratio >= target ? "met" : "MISSED", cpuRatio, per);
        }
    }

    /** Sequential writes of 1 GiB, {@code rounds} measured after {@code warmups} unmeasured ones. */
    static Result write(int warmups, int rounds) throws IOException {
        List<double[]> fs = new ArrayList<>();
        List<double[]> dev = new ArrayList<>();
        for (int r = 0; r < warmups + rounds; r++) {
            boolean fsFirst = r % 2 == 0;
            double[] a = timedWrite(fsFirst ? "fluffle" : "device");
            double[] b = timedWrite(fsFirst ? "device" : "fluffle");
            if (r < warmups) continue;
            fs.add(fsFirst ? a : b);
            dev.add(fsFirst ? b : a);
        }
        return result("sequential write 1 GiB (1 MiB requests, fsync)", fs, dev);
    }

    /** Sequential reads of 1 GiB, {@code rounds} measured after {@code warmups} unmeasured ones. */
    static Result read(int warmups, int rounds) throws IOException {
        SequentialTarget f = new SequentialTarget("fluffle");
        SequentialTarget d = new SequentialTarget("device");
        try {
            f.writeAll();
            d.writeAll();
            List<double[]> fs = new ArrayList<>();
            List<double[]> dev = new ArrayList<>();
            for (int r = 0; r < warmups + rounds; r++) {
                boolean fsFirst = r % 2 == 0;
                double[] a = timed(passes(fsFirst ? f : d), READ_PASSES);
                double[] b = timed(passes(fsFirst ? d : f), READ_PASSES);
                if (r < warmups) continue;
                fs.add(fsFirst ? a : b);
                dev.add(fsFirst ? b : a);
            }
            return result("sequential read 1 GiB (1 MiB requests)", fs, dev);
        } finally {
            f.close();
            d.close();
        }
    }

    private static double[] timedWrite(String target) throws IOException {
        SequentialTarget t = new SequentialTarget(target);
        try {
            return timed(t::writeAll, 1);
        } finally {
            t.close();
        }
    }

    private static java.util.function.LongSupplier passes(SequentialTarget t) {
        return () -> {
            long n = 0;
            for (int i = 0; i < READ_PASSES; i++) n += t.readAll();
            return n;
        };
    }

    /**
     * {wall seconds, thread CPU seconds} per GiB of one run of {@code op}, which must move
     * {@code gib} GiB.
     */
    private static double[] timed(java.util.function.LongSupplier op, int gib) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long n = op.getAsLong();
        double[] out = {(System.nanoTime() - wall) / 1e9 / gib, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9 / gib};
        if (n != gib * FsBenchImages.GIB) throw new IllegalStateException("moved " + n + " bytes, not " + gib + " GiB");
        return out;
    }

    private static Result result(String label, List<double[]> fs, List<double[]> dev) {
        int n = fs.size();
        double[] ratios = new double[n];
        double[] cpuRatios = new double[n];
        double[] fsMibs = new double[n];
        double[] devMibs = new double[n];
        for (int i = 0; i < n; i++) {
            ratios[i] = dev.get(i)[0] / fs.get(i)[0];
            cpuRatios[i] = dev.get(i)[1] / fs.get(i)[1];
            fsMibs[i] = GIB_MIB / fs.get(i)[0];
            devMibs[i] = GIB_MIB / dev.get(i)[0];
        }
        return new Result(label, median(fsMibs), median(devMibs), median(ratios), median(cpuRatios), ratios);
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
