package org.opencsd.csd;

import java.util.Objects;
import org.opencsd.ebpf.jit.EngineKind;

/**
 * How a program is loaded into a slot. Immutable.
 *
 * @param engine how executions run it: {@code interpreter}, {@code jit} (compiled once at load),
 *               {@code auto} (interpreted until hot, then compiled once in the background)
 * @param abi    the helper numbering it was compiled against
 * @param entry  ELF entry function or section; {@code null} for {@code main}, then {@code .text}
 */
public record ProgramOptions(EngineKind engine, HelperAbi abi, String entry) {
    /** The defaults: auto engine, OpenCSD ABI, entry {@code main}. */
    public static final ProgramOptions DEFAULTS = new ProgramOptions(EngineKind.AUTO, HelperAbi.OPENCSD, null);

    public ProgramOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(abi, "abi");
    }

    public ProgramOptions withEngine(EngineKind e) {
        return new ProgramOptions(e, abi, entry);
    }

    public ProgramOptions withAbi(HelperAbi a) {
        return new ProgramOptions(engine, a, entry);
    }
}
