package org.opencsd.bench.jit;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Instruction;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Opcodes;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmOptions;
import org.opencsd.ebpf.jit.CompiledProgram;
import org.opencsd.ebpf.jit.JitCompiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fixed costs, as average time per operation: one call of an empty program ({@code mov r0, 0;
 * exit}) on a 4 KiB input in each engine (memory set-up included, as every call pays it), and
 * compiling a 4,096-instruction program (verification excluded; class definition included).
 * Run: {@code bench/run-jmh.sh org.opencsd.bench.jit.JitOverhead}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JitOverheadBenchmark {
    private static final HelperRegistry HELPERS = StandardHelpers.registry();

    private final byte[] input = new byte[4096];
    private ExecutionEngine emptyInterpreter;
    private ExecutionEngine emptyJit;
    private Program large;

    @Setup
    public void setUp() {
        Program empty = Program.of(List.of(Instruction.of(Opcodes.CLS_ALU64 | Opcodes.ALU_MOV, 0, 0, 0, 0),
                Instruction.of(Opcodes.EXIT, 0, 0, 0, 0)));
        emptyInterpreter = new Interpreter(empty, HELPERS, VmOptions.DEFAULTS);
        emptyJit = JitCompiler.compile(empty, HELPERS, VmOptions.DEFAULTS);
        large = SyntheticProgram.of(4096);
        Verifier.verify(large, HELPERS);
    }

    @Benchmark
    public long emptyProgramInterpreter() {
        return emptyInterpreter.execute(input).r0();
    }

    @Benchmark
    public long emptyProgramJit() {
        return emptyJit.execute(input).r0();
    }

    @Benchmark
    public CompiledProgram compile4096Instructions() {
        return JitCompiler.compile(large, HELPERS, VmOptions.DEFAULTS);
    }
}
