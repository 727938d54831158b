package org.opencsd.bench.jit;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.opencsd.ebpf.ElfLoader;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmOptions;
import org.opencsd.ebpf.jit.JitCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Interpreter, JIT and plain Java on the same kernels and inputs, in one run: operations (whole
 * kernel executions over the input) per second; throughput in bytes/s is that times
 * {@code size}. The engine ({@code vm}) is the fastest-varying parameter, so that the three run
 * back to back for each kernel and size. Each engine's result is checked against plain Java
 * before measuring. The budget is unlimited, as for a trusted kernel (the JIT still charges it,
 * per block or, in a versioned loop, per chunk of iterations). Five seconds of warm-up: the JIT's
 * code is new hidden classes that HotSpot must profile and compile first (with two, the 4 KiB
 * histogram measured 0.65x plain Java over 6 forks, with five 0.82x over 4).
 * Run: {@code bench/run-jmh.sh org.opencsd.bench.jit}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JitBenchmark {
    @Param({"SUM_U64", "FILTER_COUNT_U32", "FNV1A", "BYTE_HISTOGRAM", "BLOOM_PROBE", "CRC32C_4K"})
    public JitKernel kernel;

    @Param({"4096", "1048576", "16777216"})
    public int size;

    /**
     * Who runs the kernel: the interpreter, the JIT, or the plain-Java twin. (Named so that it
     * sorts last: JMH varies parameters in name order, the last fastest.)
     */
    @Param({"interpreter", "jit", "java"})
    public String vm;

    private byte[] input;
    private ExecutionEngine engine;

    @Setup
    public void setUp() {
        input = new byte[size];
        new Random(1).nextBytes(input);
        Program program = ElfLoader.load(kernel.elf(), null, StandardHelpers.registry());
        Verifier.verify(program, StandardHelpers.registry());
        VmOptions options = VmOptions.DEFAULTS.withMaxInstructions(0);
        engine = switch (vm) {
            case "interpreter" -> new Interpreter(program, StandardHelpers.registry(), options);
            case "jit" -> JitCompiler.compile(program, StandardHelpers.registry(), options);
            case "java" -> null;
            default -> throw new IllegalArgumentException("unknown engine " + vm);
        };
        check(run(), kernel.java(input));
    }

    private void check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(kernel + " " + vm + ": " + actual + " != Java " + expected);
        }
    }

    /** One execution of the kernel over the whole input. */
    @Benchmark
    public long run() {
        return engine == null ? kernel.java(input) : engine.execute(input).r0();
    }
}
