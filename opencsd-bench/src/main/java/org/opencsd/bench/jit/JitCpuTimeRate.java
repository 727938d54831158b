package org.opencsd.bench.jit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

import org.opencsd.ebpf.ElfLoader;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.VmOptions;
import org.opencsd.ebpf.jit.JitCompiler;

/**
 * A companion to {@link JitBenchmark} for shared machines: runs one kernel on one input size in
 * one engine ({@code interpreter}, {@code jit} or {@code java}) for {@code rounds} one-second
 * rounds after a warm-up round, and prints the best throughput both per wall-clock second and
 * per second of this thread's CPU time (which leaves out the time the thread was not scheduled,
 * estimating the uncontended rate). Run one combination per JVM, as JMH forks do:
 * {@code java -cp ... org.opencsd.bench.jit.JitCpuTimeRate SUM_U64 1048576 jit 3}.
 */
public final class JitCpuTimeRate {
    private JitCpuTimeRate() {}

    public static void main(String[] args) {
        JitKernel kernel = JitKernel.valueOf(args[0].toUpperCase(Locale.ROOT));
        int size = Integer.parseInt(args[1]);
        String vm = args[2];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        byte[] input = new byte[size];
        new Random(1).nextBytes(input);
        Program p = ElfLoader.load(kernel.elf(), null, StandardHelpers.registry());
        VmOptions options = VmOptions.DEFAULTS.withMaxInstructions(0);
        ExecutionEngine engine = switch (vm) {
            case "interpreter" -> new Interpreter(p, StandardHelpers.registry(), options);
            case "jit" -> JitCompiler.compile(p, StandardHelpers.registry(), options);
            case "java" -> null;
            default -> throw new IllegalArgumentException("engine: interpreter, jit or java");
        };
        if (run(kernel, engine, input) != kernel.java(input)) throw new IllegalStateException(vm + " disagrees with Java");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestWall = 0;
        double bestCpu = 0;
        for (int round = 0; round <= rounds; round++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long bytes = 0;
            long sink = 0;
            while (System.nanoTime() - wall < 1_000_000_000L) {
                sink += run(kernel, engine, input);
                bytes += size;
            }
            if (sink == 42) System.out.print("");
            if (round == 0) continue;
            bestWall = Math.max(bestWall, bytes * 1e3 / (System.nanoTime() - wall));
            bestCpu = Math.max(bestCpu, bytes * 1e3 / (threads.getCurrentThreadCpuTime() - cpu));
        }
        System.out.printf(Locale.ROOT, "%s %d %s %.1f %.1f%n", kernel, size, vm, bestWall, bestCpu);
    }

    private static long run(JitKernel kernel, ExecutionEngine engine, byte[] input) {
        return engine == null ? kernel.java(input) : engine.execute(input).r0();
    }
}
