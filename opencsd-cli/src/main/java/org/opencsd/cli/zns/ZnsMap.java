package org.opencsd.cli.zns;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jfree.chart.JFreeChart;
import org.opencsd.cli.UserError;
import org.opencsd.cli.chart.ChartFiles;
import org.opencsd.cli.map.ZoneMapChart;
import org.opencsd.cli.map.ZoneMapSource;
import org.opencsd.zns.ZoneGeometry;
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
        ZoneMapSource src;
        ZoneGeometry g;
        try (ZonedDevice d = Devices.forReading(image)) {
            g = d.geometry();
            src = ZoneMapSource.read(d);
        }
        String summary = g.zoneCount() + " zones of " + SizeConverter.human(g.zoneSizeBytes()) + " (capacity "
                + SizeConverter.human(g.zoneCapacity() * g.lbaSize()) + ") · " + ZoneMapChart.stateCounts(src.cells())
                + " · " + src.note()
                + (src.fluffle() ? " · solid: valid data in data zones, written data elsewhere" : " · solid = written");
        JFreeChart chart = ZoneMapChart.build(src.cells(), "Zones of " + image.getFileName(), summary, src.fluffle(),
                width, height);
        ChartFiles.write(chart, output, width, height);
        spec.commandLine().getOut().printf("%s: %d zones drawn (%dx%d)%n", output, g.zoneCount(), width, height);
        return 0;
    }
}
