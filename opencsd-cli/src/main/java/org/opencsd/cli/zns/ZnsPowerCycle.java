package org.opencsd.cli.zns;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns power-cycle}: the device loses power and comes back. */
@Command(name = "power-cycle", mixinStandardHelpOptions = true,
        description = "Model power loss: open zones become CLOSED (EMPTY when nothing was written).",
        footer = {"", "Example:", "  opencsd zns power-cycle dev.img"})
public final class ZnsPowerCycle implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = Devices.forWriting(image)) {
            long open = d.zones().stream().filter(z -> z.state().isOpen()).count();
            d.powerCycle();
            spec.commandLine().getOut().printf("power cycled %s: %d open zone%s closed%n", image, open,
                    open == 1 ? "" : "s");
        }
        return 0;
    }
}
