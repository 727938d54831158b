package org.opencsd.cli.bpf;

import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.VmOptions;
import org.opencsd.ebpf.jit.AutoEngine;
import org.opencsd.ebpf.jit.EngineKind;
import org.opencsd.ebpf.jit.JitCompiler;

/** The execution engines the command line can choose with {@code --engine}. */
public enum Engine {
    /** The {@link Interpreter}. */
    INTERPRETER,
    /** Compiled to JVM bytecode before the first execution ({@link JitCompiler}). */
    JIT,
    /** Interpreted until hot, then compiled in the background ({@link AutoEngine}). */
    AUTO;

    /** An engine of this kind for {@code program}. */
    public ExecutionEngine create(Program program, HelperRegistry helpers, VmOptions options) {
        return EngineKind.valueOf(name()).create(program, helpers, options);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
