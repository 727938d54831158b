package org.opencsd.cli.zns;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns fault}: the operator's fault injection, a zone going Read Only or Offline. */
@Command(name = "fault", mixinStandardHelpOptions = true,
        description = {"Fault injection: put a zone READONLY or OFFLINE.",
                "Works from any state, as a failing drive would; open/active resources are released."},
        footer = {"", "Example:", "  opencsd zns fault dev.img --zone 3 --state readonly"})
public final class ZnsFault implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--zone", required = true, paramLabel = "N", description = "The zone number (0-based).")
    int zone;

    @Option(names = "--state", required = true, paramLabel = "STATE", description = "readonly or offline.")
    String state;

    @Override
    public Integer call() throws Exception {
        ZoneState target = switch (state.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "readonly" -> ZoneState.READ_ONLY;
            case "offline" -> ZoneState.OFFLINE;
            default -> throw new UserError("--state must be readonly or offline, not " + state);
        };
        try (ZonedDevice d = Devices.forWriting(image)) {
            d.injectFault(zone, target);
            spec.commandLine().getOut().println("zone " + zone + ": " + d.zone(zone).state().nvmeCliName());
        }
        return 0;
    }
}
