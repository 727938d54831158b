package org.opencsd.csd;

import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.jit.AutoEngine;

/**
 * A verified program in a slot with the engine built for it once (compiled once for JIT, once
 * when hot for AUTO), shared by all executions of the slot. Immutable; thread-safe.
 *
 * @param name    a label for messages (file name or caller's choice)
 * @param program the verified program
 * @param options how it was loaded
 * @param engine  the engine all executions use
 */
public record LoadedProgram(String name, Program program, ProgramOptions options, ExecutionEngine engine) {
    /** Whether executions starting now run compiled code. */
    public boolean compiled() {
        return switch (options.engine()) {
            case INTERPRETER -> false;
            case JIT -> true;
            case AUTO -> ((AutoEngine) engine).isCompiled();
        };
    }
}
