package org.opencsd.cli.bpf;

import org.opencsd.ebpf.ExecutionEngine;
import org.opencsd.ebpf.HelperRegistry;
import org.opencsd.ebpf.Interpreter;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.VmOptions;

/** The execution engines the command line can choose with {@code --engine}. */
public enum Engine {
    /** The {@link Interpreter}. */
    INTERPRETER;

    /** An engine of this kind for {@code program}. */
    public ExecutionEngine create(Program program, HelperRegistry helpers, VmOptions options) {
        return switch (this) {
            case INTERPRETER -> new Interpreter(program, helpers, options);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
