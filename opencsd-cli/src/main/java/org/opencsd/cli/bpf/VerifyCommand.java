package org.opencsd.cli.bpf;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.ebpf.Program;
import org.opencsd.ebpf.StandardHelpers;
import org.opencsd.ebpf.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd bpf verify FILE}: loads and verifies a program; prints what was accepted. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Load and verify an eBPF program; exit 1 naming the rule and instruction if rejected.",
        footer = {"", "Example:", "  opencsd bpf verify sum_u64.o --entry main"})
public final class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "ELF object, raw bytecode or assembler text.")
    Path file;

    @Option(names = "--entry", paramLabel = "NAME", description = "Entry function or section (ELF only).")
    String entry;

    @Override
    public Integer call() {
        Program p = ProgramFiles.load(file, entry, StandardHelpers.registry());
        Verifier.verify(p, StandardHelpers.registry());
        int functions = p.functionStarts().size();
        spec.commandLine().getOut().printf("%s: ok (%d instructions, %d function%s, entry at pc %d)%n", file,
                p.length(), functions, functions == 1 ? "" : "s", p.entry());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
