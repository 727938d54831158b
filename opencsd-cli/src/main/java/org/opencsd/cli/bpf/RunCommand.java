package org.opencsd.cli.bpf;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.ebpf.ExecutionResult;
import org.opencsd.ebpf.FaultKind;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import org.opencsd.ebpf.VmFault;
import org.opencsd.ebpf.VmOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code opencsd bpf run PROGRAM [--mem FILE]}: verifies and runs a program with r1 = a writable
 * copy of FILE (or 0) and r2 = its length; prints r0 in hex.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Verify and run an eBPF program; prints r0 (hex).",
        footer = {"", "Example:", "  opencsd bpf run sum_u64.o --mem data.bin --engine jit --stats"})
public final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PROGRAM", description = "ELF object, raw bytecode or assembler text.")
    Path file;

    @Option(names = "--mem", paramLabel = "FILE", description = "Input: r1 = a writable copy of FILE, r2 = its length.")
    Path mem;

    @Option(names = "--entry", paramLabel = "NAME", description = "Entry function or section (ELF only; default main, then .text).")
    String entry;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "interpreter",
            description = "Execution engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Engine engine;

    @Option(names = "--max-instructions", paramLabel = "N", description = "Instruction budget; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    long maxInstructions = VmOptions.DEFAULT_MAX_INSTRUCTIONS;

    @Option(names = "--stats", description = "Also print instructions executed, time and rate.")
    boolean stats;

    @Override
    public Integer call() {
        if (maxInstructions < 0) throw new UserError("--max-instructions must be >= 0");
        Program p = ProgramFiles.load(file, entry, StandardHelpers.registry());
        Verifier.verify(p, StandardHelpers.registry());
        byte[] input = mem == null ? null : ProgramFiles.read(mem);
        var vm = engine.create(p, StandardHelpers.registry(), VmOptions.DEFAULTS.withMaxInstructions(maxInstructions));
        long start = System.nanoTime();
        ExecutionResult r;
        try {
            r = vm.execute(input);
        } catch (VmFault f) {
            if (f.kind() != FaultKind.BUDGET_EXHAUSTED) throw f;
            throw new VmBudgetError(f.getMessage() + " (" + maxInstructions + " instructions; raise with --max-instructions, 0 = unlimited)");
        }
        long nanos = System.nanoTime() - start;
        PrintWriter out = spec.commandLine().getOut();
        out.println("0x" + Long.toHexString(r.r0()));
        if (stats) {
            out.println("instructions: " + r.instructions());
            out.printf(Locale.ROOT, "time: %.3f ms%n", nanos / 1e6);
            out.printf(Locale.ROOT, "rate: %.2f M instructions/s%n", r.instructions() * 1e3 / Math.max(1, nanos));
        }
        out.flush();
        return 0;
    }

    /** The budget ran out: reported as one line with a hint. */
    static final class VmBudgetError extends RuntimeException {
        VmBudgetError(String message) {
            super(message);
        }
    }
}
