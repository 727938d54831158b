package org.opencsd.ebpf.jit;

import java.lang.invoke.MethodHandle;
import java.util.List;

import org.opencsd.ebpf.DecodedProgram;
import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.ExecutionResult;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.VmMemory;
import org.opencsd.ebpf.VmOptions;

/**
 * A program compiled to JVM bytecode by {@link JitCompiler}: an {@link ExecutionEngine} with the
 * interpreter's semantics (same results, same memory effects, same faults with the same pc and
 * message) at compiled speed. The hidden classes are unloaded once this object is unreachable.
 *
 * <p>Immutable and thread-safe: concurrent executions each need their own {@link VmMemory}.
 */
public final class CompiledProgram implements ExecutionEngine {
    private final Program program;
    private final HelperRegistry helpers;
    private final VmOptions options;
    private final DecodedProgram decoded;
    private final MethodHandle entry;
    private final Stats stats;
    private final List<Class<?>> units;

    /**
     * Facts about the generated code.
     *
     * @param classes number of hidden classes
     * @param classBytes total size of their class files
     * @param largestMethod bytecode size of the largest method
     * @param versionedLoops loops compiled with a checked-once fast version (see {@link LoopAnalysis})
     * @param loopMethods fast versions whose loop runs in a method of its own (see {@link LoopEmitter})
     */
    public record Stats(int classes, int classBytes, int largestMethod, int versionedLoops, int loopMethods) {}

    CompiledProgram(Program program, HelperRegistry helpers, VmOptions options, DecodedProgram decoded,
                    MethodHandle entry, Stats stats, List<Class<?>> units) {
        this.program = program;
        this.helpers = helpers;
        this.options = options;
        this.decoded = decoded;
        this.entry = entry;
        this.stats = stats;
        this.units = List.copyOf(units);
    }

    @Override
    public Program program() {
        return program;
    }

    @Override
    public HelperRegistry helpers() {
        return helpers;
    }

    @Override
    public VmOptions options() {
        return options;
    }

    /** Facts about the generated code. */
    public Stats stats() {
        return stats;
    }

    /** The hidden classes holding the code (kept reachable by this object only). */
    List<Class<?>> units() {
        return units;
    }

    DecodedProgram decoded() {
        return decoded;
    }

    @Override
    public ExecutionResult execute(VmMemory memory, long r1, long r2, Object attachment) {
        long total = options.effectiveBudget();
        JitState st = new JitState(this, memory, attachment, 0);
        st.budget = st.context.fuel().start(total);
        st.regs[1] = r1;
        st.regs[2] = r2;
        st.regs[10] = VmMemory.STACK_TOP;
        try {
            entry.invokeExact(st);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("compiled code threw " + t, t);
        }
        return new ExecutionResult(st.regs[0], total - st.budget - st.context.fuel().reserve());
    }
}
