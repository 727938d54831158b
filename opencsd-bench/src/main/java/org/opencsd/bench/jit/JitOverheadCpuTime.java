package org.opencsd.bench.jit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Instruction;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Opcodes;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmOptions;
import org.opencsd.ebpf.jit.JitCompiler;

/**
 * A companion to {@link JitOverheadBenchmark} for shared machines: the same three costs
 * (compiling a 4,096-instruction program; one call of an empty program on 4 KiB in the
 * interpreter and in the JIT), each the best of {@code rounds} one-second rounds after warm-up
 * rounds, per wall-clock second and per second of this thread's CPU time:
 * {@code java -cp ... org.opencsd.bench.jit.JitOverheadCpuTime 5}.
 */
public final class JitOverheadCpuTime {
    private static final HelperRegistry HELPERS = StandardHelpers.registry();

    private JitOverheadCpuTime() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Program large = SyntheticProgram.of(4096);
        Verifier.verify(large, HELPERS);
        Program empty = Program.of(List.of(Instruction.of(Opcodes.CLS_ALU64 | Opcodes.ALU_MOV, 0, 0, 0, 0),
                Instruction.of(Opcodes.EXIT, 0, 0, 0, 0)));
        ExecutionEngine interpreter = new Interpreter(empty, HELPERS, VmOptions.DEFAULTS);
        ExecutionEngine jit = JitCompiler.compile(empty, HELPERS, VmOptions.DEFAULTS);
        byte[] input = new byte[4096];
        report("compile 4096 instructions (ms)", 1e-6, rounds,
                () -> JitCompiler.compile(large, HELPERS, VmOptions.DEFAULTS).stats().classBytes());
        report("empty program, interpreter (us)", 1e-3, rounds, () -> interpreter.execute(input).r0());
        report("empty program, jit (us)", 1e-3, rounds, () -> jit.execute(input).r0());
    }

    /** Prints the best time per operation of {@code op}, in nanoseconds times {@code unit}. */
    private static void report(String what, double unit, int rounds, LongSupplier op) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < rounds + 3; round++) {
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            long ops = 0;
            while (System.nanoTime() - wall < 1_000_000_000L) {
                sink += op.getAsLong();
                ops++;
            }
            if (round < 3) continue;
            bestWall = Math.min(bestWall, (System.nanoTime() - wall) / (double) ops);
            bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - cpu) / (double) ops);
        }
        System.out.printf(Locale.ROOT, "%-34s %10.3f wall  %10.3f CPU%s%n", what, bestWall * unit, bestCpu * unit,
                sink == 42 ? " " : "");
    }
}
