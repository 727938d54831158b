package org.opencsd.cli;

import picocli.CommandLine.Command;

/** {@code opencsd zns ...}: groups the zns subcommands. */
@Command(name = "zns", mixinStandardHelpOptions = true,
        description = "Zoned namespace device: create, inspect and drive an emulated ZNS SSD.",
        subcommands = {})
public final class ZnsCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
