package org.opencsd.cli.csd;

import java.util.concurrent.Callable;
import org.opencsd.csd.BundledKernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd csd kernels}: lists the bundled kernels {@code --program} accepts by name. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "List the bundled kernels (kernels/*.c) that --program accepts by name.",
        footer = {"", "Example:", "  opencsd csd kernels && opencsd csd run dev.img --program zcsd_demo --zone 0"})
public final class CsdKernels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        for (String name : BundledKernels.NAMES) {
            String state = BundledKernels.find(name).isPresent() ? "" : "  (not built: clang missing)";
            spec.commandLine().getOut().println(name + state);
        }
        return 0;
    }
}
