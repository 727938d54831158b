package org.opencsd.cli;

import picocli.CommandLine.Command;

/** The top-level {@code opencsd} command; everything happens in its subcommands. */
@Command(
        name = "opencsd",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "OpenCSD for the JVM: a zoned (ZNS) device, an eBPF runtime and computational storage.",
        subcommands = {ZnsCommand.class, BpfCommand.class, CsdCommand.class, MkfsCommand.class, FsckCommand.class, MountCommand.class,
                org.opencsd.cli.demo.DemoCommand.class,
                picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Example:", "  opencsd zns create dev.img --zones 16 --zone-size 64M"})
public final class OpencsdCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin LogLevelOptions logLevel;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
