package org.opencsd.cli;

import org.opencsd.cli.csd.CsdFill;
import org.opencsd.cli.csd.CsdKernels;
import org.opencsd.cli.csd.CsdRun;
import picocli.CommandLine.Command;

/** {@code opencsd csd ...}: groups the computational storage subcommands (package {@code org.opencsd.cli.csd}). */
@Command(name = "csd", mixinStandardHelpOptions = true,
        description = {"Computational storage: run eBPF kernels next to the data of a zoned device image.",
                "Kernels read only the LBAs they are granted and return only their result."},
        subcommands = {CsdRun.class, CsdFill.class, CsdKernels.class},
        footer = {"", "Example:", "  opencsd zns create dev.img --zones 4 --zone-size 64M",
                "  opencsd csd fill dev.img --zone 0 --seed 42",
                "  opencsd csd run dev.img --program zcsd_demo --zone 0"})
public final class CsdCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
