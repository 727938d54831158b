package org.opencsd.bench.jit;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A companion to {@link JitCpuTimeRate} that runs the engines it compares in one JVM, taking
 * turns: for one kernel and input size, the interpreter, the JIT, the plain-Java version and
 * optionally the JIT of another built checkout ({@code jit-baseline}, loaded by its own class
 * loader) each run for one slice of about {@code sliceMs} milliseconds (at least one call), then
 * the next engine, for {@code rounds} rounds after two warm-up rounds. Each slice's rate is MB per
 * second of this thread's CPU time; each round gives the ratios of the JIT's rate to the others'.
 * It prints, on one line, each engine's median rate and the median, minimum and maximum of the
 * per-round ratios.
 *
 * <p>Why: the rates on the shared development VM move by up to 1.5x between JVM launches, and
 * move the plain-Java loop and the JIT's loop alike (see {@code docs/jit.md}); a ratio of two
 * rates measured in two JVMs multiplies two such draws, while a ratio of neighbouring slices in
 * one JVM cancels them. Every engine is called through the same kind of method handle, so that
 * none has a cheaper call.
 *
 * <pre>java -cp ... org.opencsd.bench.jit.JitPairedRate KERNEL SIZE ROUNDS SLICE_MS [BASELINE_ROOT]</pre>
 */
public final class JitPairedRate {
    private static final String[] ENGINES = {"interpreter", "jit", "java", "jit-baseline"};

    private JitPairedRate() {}

    public static void main(String[] args) throws Throwable {
        String kernel;
        int size;
        int rounds;
        long sliceNanos;
        try {
            if (args.length < 4) throw new IllegalArgumentException("too few arguments");
            kernel = JitKernel.valueOf(args[0].toUpperCase(Locale.ROOT)).name();
            size = Integer.parseInt(args[1]);
            rounds = Integer.parseInt(args[2]);
            sliceNanos = Long.parseLong(args[3]) * 1_000_000L;
            if (size <= 0 || rounds <= 0 || sliceNanos <= 0) throw new IllegalArgumentException("SIZE, ROUNDS and SLICE_MS must be positive");
        } catch (IllegalArgumentException e) {
            System.err.println("JitPairedRate: " + e.getMessage()
                    + "; usage: JitPairedRate KERNEL SIZE ROUNDS SLICE_MS [BASELINE_ROOT]");
            System.exit(2);
            return;
        }
        run(kernel, size, rounds, sliceNanos, args.length > 4 ? args[4] : null);
    }

    private static void run(String kernel, int size, int rounds, long sliceNanos, String baseline) throws Throwable {
        List<MethodHandle> engines = new ArrayList<>();
        ClassLoader own = JitPairedRate.class.getClassLoader();
        engines.add(engine(own, kernel, "interpreter"));
        engines.add(engine(own, kernel, "jit"));
        engines.add(engine(own, kernel, "java"));
        if (baseline != null) engines.add(engine(checkout(baseline), kernel, "jit"));
        byte[] input = new byte[size];
        new Random(1).nextBytes(input);
        long expected = (long) engines.get(2).invokeExact(input);
        for (MethodHandle e : engines) {
            if ((long) e.invokeExact(input) != expected) throw new IllegalStateException("engines disagree");
        }
        double[][] rates = measure(engines, input, rounds, sliceNanos);
        System.out.println(report(kernel, size, rates));
    }

    /** Runs the engines in turn, two warm-up rounds and then {@code rounds} measured ones. */
    private static double[][] measure(List<MethodHandle> engines, byte[] input, int rounds, long sliceNanos)
            throws Throwable {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] rates = new double[engines.size()][rounds];
        long sink = 0;
        for (int round = -2; round < rounds; round++) {
            for (int e = 0; e < engines.size(); e++) {
                MethodHandle engine = engines.get(e);
                long wall = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes = 0;
                do {
                    sink += (long) engine.invokeExact(input);
                    bytes += input.length;
                } while (System.nanoTime() - wall < sliceNanos);
                long spent = threads.getCurrentThreadCpuTime() - cpu;
                if (round >= 0) rates[e][round] = bytes * 1e3 / Math.max(spent, 1);
            }
        }
        if (sink == 42) System.out.print("");
        return rates;
    }

    private static String report(String kernel, int size, double[][] rates) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %d", kernel, size));
        for (int e = 0; e < rates.length; e++) {
            sb.append(String.format(Locale.ROOT, " %s=%.1f", ENGINES[e], median(rates[e])));
        }
        for (int e = 0; e < rates.length; e++) {
            if (e == 1) continue;
            double[] ratio = new double[rates[1].length];
            for (int r = 0; r < ratio.length; r++) ratio[r] = rates[1][r] / rates[e][r];
            Arrays.sort(ratio);
            sb.append(String.format(Locale.ROOT, " jit/%s=%.3f[%.3f-%.3f]", ENGINES[e], median(ratio), ratio[0],
                    ratio[ratio.length - 1]));
        }
        return sb.toString();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** A class loader for the bench module of the built checkout at {@code root} (and its libraries). */
    private static ClassLoader checkout(String root) throws MalformedURLException {
        File lib = new File(root, "opencsd-bench/target/lib");
        File[] jars = lib.listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null) {
            System.err.println("JitPairedRate: " + root + ": opencsd-bench is not built");
            System.exit(2);
        }
        List<URL> urls = new ArrayList<>();
        urls.add(new File(root, "opencsd-bench/target/classes/").toURI().toURL());
        for (File jar : jars) urls.add(jar.toURI().toURL());
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /**
     * A handle {@code (byte[]) long} running {@code kernel} in {@code engine} (interpreter, jit,
     * java) with the classes of {@code loader}, through public API only, so that it also works
     * with an older checkout's classes.
     */
    private static MethodHandle engine(ClassLoader loader, String kernel, String engine) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> kernels = Class.forName("org.opencsd.bench.jit.JitKernel", true, loader);
        Object k = kernels.getMethod("valueOf", String.class).invoke(null, kernel);
        if (engine.equals("java")) {
            return lookup.findVirtual(kernels, "java", MethodType.methodType(long.class, byte[].class)).bindTo(k);
        }
        Class<?> elf = Class.forName("org.opencsd.ebpf.ElfLoader", true, loader);
        Class<?> registryType = Class.forName("org.opencsd.ebpf.HelperRegistry", true, loader);
        Class<?> programType = Class.forName("org.opencsd.ebpf.Program", true, loader);
        Class<?> optionsType = Class.forName("org.opencsd.ebpf.VmOptions", true, loader);
        Class<?> engineType = Class.forName("org.opencsd.ebpf.ExecutionEngine", true, loader);
        Class<?> resultType = Class.forName("org.opencsd.ebpf.ExecutionResult", true, loader);
        Object registry = Class.forName("org.opencsd.ebpf.StandardHelpers", true, loader).getMethod("registry").invoke(null);
        byte[] object = (byte[]) kernels.getMethod("elf").invoke(k);
        Object program = elf.getMethod("load", byte[].class, String.class, registryType).invoke(null, object, null, registry);
        Object defaults = optionsType.getField("DEFAULTS").get(null);
        Object options = optionsType.getMethod("withMaxInstructions", long.class).invoke(defaults, 0L);
        Object vm = engine.equals("jit")
                ? Class.forName("org.opencsd.ebpf.jit.JitCompiler", true, loader)
                        .getMethod("compile", programType, registryType, optionsType).invoke(null, program, registry, options)
                : Class.forName("org.opencsd.ebpf.Interpreter", true, loader)
                        .getConstructor(programType, registryType, optionsType).newInstance(program, registry, options);
        MethodHandle execute = lookup.findVirtual(engineType, "execute", MethodType.methodType(resultType, byte[].class));
        MethodHandle r0 = lookup.findVirtual(resultType, "r0", MethodType.methodType(long.class));
        return MethodHandles.filterReturnValue(execute.bindTo(vm), r0);
    }
}
