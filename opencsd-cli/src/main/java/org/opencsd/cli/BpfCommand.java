package org.opencsd.cli;

import org.opencsd.cli.bpf.AsmCommand;
import org.opencsd.cli.bpf.ConformancePluginCommand;
import org.opencsd.cli.bpf.DisasmCommand;
import org.opencsd.cli.bpf.RunCommand;
import org.opencsd.cli.bpf.VerifyCommand;
import picocli.CommandLine.Command;

/** {@code opencsd bpf ...}: groups the bpf subcommands. */
@Command(name = "bpf", mixinStandardHelpOptions = true,
        description = "eBPF programs: assemble, disassemble, verify and run.",
        subcommands = {AsmCommand.class, DisasmCommand.class, VerifyCommand.class, RunCommand.class,
            ConformancePluginCommand.class},
        footer = {"", "Example:", "  opencsd bpf verify sum_u64.o && opencsd bpf run sum_u64.o --mem data.bin --engine jit"})
public final class BpfCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
