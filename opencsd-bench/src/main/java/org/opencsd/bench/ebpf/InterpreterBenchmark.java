package org.opencsd.bench.ebpf;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.opencsd.ebpf.ElfLoader;
import org.opencsd.ebpf.ExecutionResult;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmOptions;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The eBPF interpreter on the benchmark kernels over 1 MiB of random bytes, next to the same
 * computation in plain Java, in one run. {@code interpreter} reports, besides operations per
 * second, the secondary metric {@code instructions}: eBPF instructions executed per second.
 * Run: {@code bench/run-jmh.sh org.opencsd.bench.ebpf}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class InterpreterBenchmark {
    /** Input size: 1 MiB. */
    public static final int SIZE = 1 << 20;

    @Param({"SUM_U64", "FILTER_COUNT_U32", "FNV1A", "BYTE_HISTOGRAM"})
    public Kernel kernel;

    private byte[] input;
    private Interpreter interpreter;

    /** Counts eBPF instructions; JMH reports the total as a rate (instructions/s). */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long instructions;

        @Setup(Level.Iteration)
        public void reset() {
            instructions = 0;
        }
    }

    @Setup
    public void setUp() {
        input = new byte[SIZE];
        new Random(1).nextBytes(input);
        Program program = ElfLoader.load(kernel.elf(), null, StandardHelpers.registry());
        Verifier.verify(program, StandardHelpers.registry());
        interpreter = new Interpreter(program, StandardHelpers.registry(), VmOptions.DEFAULTS.withMaxInstructions(0));
        long expected = kernel.java(input);
        long actual = interpreter.execute(input).r0();
        if (actual != expected) throw new IllegalStateException(kernel + ": interpreter " + actual + " != Java " + expected);
    }

    @Benchmark
    public long interpreter(Counters counters) {
        ExecutionResult r = interpreter.execute(input);
        counters.instructions += r.instructions();
        return r.r0();
    }

    @Benchmark
    public long java() {
        return kernel.java(input);
    }
}
