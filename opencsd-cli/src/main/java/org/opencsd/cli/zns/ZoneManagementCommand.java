package org.opencsd.cli.zns;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZoneDescriptor;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The shared shape of {@code zns open|close|finish|reset|offline IMAGE (--zone N | --all)}: one
 * Zone Management Send action on one zone or, with Select All, on every zone it is legal for.
 * Prints the zone's new state (or, for {@code --all}, the zones by state).
 */
abstract class ZoneManagementCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    static final class Target {
        @Option(names = "--zone", required = true, paramLabel = "N", description = "The zone number (0-based).")
        Integer zone;

        @Option(names = {"--all", "-a"}, required = true, description = "Select All: every zone the action is legal for.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** The action this command sends. */
    abstract ZoneAction action();

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = Devices.forWriting(image)) {
            PrintWriter out = spec.commandLine().getOut();
            if (target.all) {
                d.manageAll(action());
                out.println("all zones: " + byState(d));
            } else {
                d.manage(d.geometry().zoneStart(target.zone), action(), false);
                ZoneDescriptor z = d.zone(target.zone);
                out.println("zone " + target.zone + " (SLBA " + Devices.hex(z.startLba()) + "): "
                        + z.state().nvmeCliName());
            }
        }
        return 0;
    }

    private static String byState(ZonedDevice d) {
        Map<ZoneState, Integer> n = new EnumMap<>(ZoneState.class);
        for (ZoneDescriptor z : d.zones()) n.merge(z.state(), 1, Integer::sum);
        StringJoiner j = new StringJoiner(", ");
        n.forEach((s, c) -> j.add(s.nvmeCliName() + " " + c));
        return j.toString();
    }
}
