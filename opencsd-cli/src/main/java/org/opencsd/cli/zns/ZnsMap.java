package org.opencsd.cli.zns;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.cli.chart.ChartFiles;
import org.opencsd.cli.map.ZoneMap;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns map}: a picture of every zone's state, fill level and (with FluffleFS) garbage. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Draw the zones of an image as a PNG or SVG (by the output's extension), read-only:",
                "one cell per zone, coloured by state and filled to its write pointer; the part past the",
                "zone capacity is grey. With a FluffleFS on the image, data zones show valid data in the",
                "state's colour and invalid data (garbage GC can reclaim) in vermilion."},
        footer = {"", "Example:", "  opencsd zns map dev.img --output zones.png",
                "  opencsd zns map dev.img --output zones.svg --width 1600 --height 1000"})
public final class ZnsMap implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The picture: FILE.png or FILE.svg.")
    Path output;

    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "1200", description = "Width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "800", description = "Height (default: ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() throws Exception {
        if (width < 320 || height < 240 || width > 16384 || height > 16384) {
            throw new UserError("--width and --height must be 320x240 to 16384x16384 pixels, got " + width + "x" + height);
        }
        try {
            ChartFiles.formatOf(output);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        int zones;
        try (ZonedDevice d = Devices.forReading(image)) {
            zones = d.geometry().zoneCount();
            ZoneMap.write(d, String.valueOf(image.getFileName()), output, width, height);
        }
        spec.commandLine().getOut().printf("%s: %d zones drawn (%dx%d)%n", output, zones, width, height);
        return 0;
    }
}
