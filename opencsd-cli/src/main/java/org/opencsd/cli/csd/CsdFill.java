package org.opencsd.cli.csd;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.csd.DemoData;
import org.opencsd.zns.ZoneDescriptor;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import org.opencsd.cli.progress.Progress;
import org.opencsd.cli.progress.ProgressOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd csd fill}: fills an empty zone with the ZCSD demo's data (random u32s from a seed). */
@Command(name = "fill", mixinStandardHelpOptions = true,
        description = {"Fill an empty zone to its capacity with the ZCSD demo data.",
                "Little-endian u32 values uniform in [0, RAND_MAX] (2^31 - 1) from a seeded generator, appended to zone N."},
        footer = {"", "Example:", "  opencsd csd fill dev.img --zone 0 --seed 42"})
public final class CsdFill implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--zone", required = true, paramLabel = "N", description = "The zone to fill (must be empty).")
    int zone;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = ZonedDevices.open(image)) {
            var g = d.geometry();
            if (zone < 0 || zone >= g.zoneCount()) throw new UserError("zone " + zone + " does not exist (zones 0-" + (g.zoneCount() - 1) + ")");
            ZoneDescriptor z = d.zone(zone);
            if (z.state() != ZoneState.EMPTY) {
                throw new UserError("zone " + zone + " is not empty (" + z.state() + "); reset it first: opencsd zns reset " + image + " --zone " + zone);
            }
            long bytes;
            try (Progress bar = Progress.start("fill zone " + zone, g.zoneCapacity() * g.lbaSize(), "MiB", 1 << 20,
                    progress.forced(), false)) {
                bytes = DemoData.fillZone(d, zone, seed, bar::step);
            }
            spec.commandLine().getOut().printf("zone %d: %d bytes (%d LBAs) of demo data, seed %d%n", zone, bytes,
                    bytes / g.lbaSize(), seed);
        }
        return 0;
    }
}
