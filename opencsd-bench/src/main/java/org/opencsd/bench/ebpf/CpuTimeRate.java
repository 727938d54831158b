package org.opencsd.bench.ebpf;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;
import org.opencsd.ebpf.ElfLoader;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.VmOptions;

/**
 * A companion to {@link InterpreterBenchmark} for shared machines: runs one kernel's
 * interpreter for {@code rounds} one-second rounds on 1 MiB and prints the best rate both per
 * wall-clock second and per second of this thread's CPU time (which excludes time the thread
 * was not scheduled, so it estimates the uncontended rate). Run one kernel per JVM so that the
 * dispatch loop is compiled for that kernel's profile, as JMH's forks are:
 * {@code java -cp ... org.opencsd.bench.ebpf.CpuTimeRate FNV1A 5}.
 */
public final class CpuTimeRate {
    private CpuTimeRate() {}

    public static void main(String[] args) {
        Kernel kernel = Kernel.valueOf(args[0].toUpperCase(Locale.ROOT));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[] input = new byte[InterpreterBenchmark.SIZE];
        new Random(1).nextBytes(input);
        Program p = ElfLoader.load(kernel.elf(), null, StandardHelpers.registry());
        Interpreter vm = new Interpreter(p, StandardHelpers.registry(), VmOptions.DEFAULTS.withMaxInstructions(0));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestWall = 0;
        double bestCpu = 0;
        for (int round = 0; round < rounds; round++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long instructions = 0;
            while (System.nanoTime() - wall < 1_000_000_000L) instructions += vm.execute(input).instructions();
            bestWall = Math.max(bestWall, instructions * 1e3 / (System.nanoTime() - wall));
            bestCpu = Math.max(bestCpu, instructions * 1e3 / (threads.getCurrentThreadCpuTime() - cpu));
        }
        System.out.printf(Locale.ROOT, "%-18s %8.1f M insn/s (wall)  %8.1f M insn/s (per CPU second)%n",
                kernel, bestWall, bestCpu);
    }
}
