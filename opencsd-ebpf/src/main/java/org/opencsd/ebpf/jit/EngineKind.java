package org.opencsd.ebpf.jit;

import java.util.Locale;

import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.VmOptions;

/**
 * How a program is executed: {@code interpreter}, {@code jit} (compiled before the first
 * execution) or {@code auto} (interpreted until hot, then compiled in the background; see
 * {@link AutoEngine}). All three give identical results. Immutable; thread-safe.
 */
public enum EngineKind {
    INTERPRETER, JIT, AUTO;

    /** An engine of this kind for {@code program} (which must be verified). */
    public ExecutionEngine create(Program program, HelperRegistry helpers, VmOptions options) {
        return switch (this) {
            case INTERPRETER -> new Interpreter(program, helpers, options);
            case JIT -> JitCompiler.compile(program, helpers, options);
            case AUTO -> new AutoEngine(program, helpers, options);
        };
    }

    /** The kind named {@code name} (case-insensitive: interpreter, jit, auto). */
    public static EngineKind parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
