package org.opencsd.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.fluffle.Formatter;
import org.opencsd.fluffle.ImageFormatException;
import org.opencsd.fluffle.Superblock;
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

/** {@code opencsd mkfs}: writes a new, empty FluffleFS on a zoned image. */
@Command(name = "mkfs", mixinStandardHelpOptions = true,
        description = "Format a zoned image with FluffleFS (resets every zone; refuses an existing FluffleFS without --force).",
        footer = {"", "Example:", "  opencsd zns create dev.img --zones 64 --zone-size 64M && opencsd mkfs dev.img"})
public final class MkfsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The zoned device image (from `opencsd zns create`).")
    Path image;

    @Option(names = "--force", description = "Format even if the image already holds a FluffleFS.")
    boolean force;

    @Mixin ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = ZonedDevices.open(image)) {
            if (!force && holdsFluffle(d)) {
                throw new UserError(image + " already holds a FluffleFS (use --force to format it anyway)");
            }
            Superblock sb;
            try (Progress bar = Progress.start("mkfs", 0, "", progress.forced(), false)) {
                sb = Formatter.format(d, System.currentTimeMillis() * 1_000_000L);
            } catch (IllegalArgumentException e) {
                throw new UserError("cannot format " + image + ": " + e.getMessage());
            }
            long usable = (long) (sb.dataZoneCount() - sb.reserveZones()) * sb.zoneCapacity() * Superblock.BLOCK;
            spec.commandLine().getOut().printf("formatted %s: FluffleFS version %d, uuid %s, %d data zones, %d MiB usable%n",
                    image, sb.version(), sb.uuid(), sb.dataZoneCount(), usable >> 20);
        }
        return 0;
    }

    private static boolean holdsFluffle(ZonedDevice d) {
        try {
            Formatter.readSuperblock(d);
            return true;
        } catch (ImageFormatException e) {
            return false;
        }
    }
}
