package org.opencsd.cli;

import picocli.CommandLine.Command;

/** {@code opencsd bpf ...}: groups the bpf subcommands. */
@Command(name = "bpf", mixinStandardHelpOptions = true,
        description = "eBPF programs: assemble, disassemble, verify and run.",
        subcommands = {})
public final class BpfCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
