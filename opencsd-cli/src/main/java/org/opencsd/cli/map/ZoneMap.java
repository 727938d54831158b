package org.opencsd.cli.map;

import java.io.IOException;
import java.nio.file.Path;
import org.opencsd.cli.chart.ChartFiles;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;

/**
 * The zone map in one call, for {@code zns map} and anything else that wants a picture of a device
 * (the demo writes one next to its table): reads the device ({@link ZoneMapSource}), builds the
 * chart ({@link ZoneMapChart}) and writes a PNG or SVG by the file's extension. Reads only; the
 * device may be open read-only. Stateless.
 */
public final class ZoneMap {
    private ZoneMap() {}

    /**
     * Draws {@code device}, titled after {@code name}, into {@code output} at {@code width} x {@code height}.
     *
     * @throws IllegalArgumentException when the output is neither {@code .png} nor {@code .svg}
     */
    public static void write(ZonedDevice device, String name, Path output, int width, int height) throws IOException {
        ChartFiles.formatOf(output);
        ZoneGeometry g = device.geometry();
        ZoneMapSource src = ZoneMapSource.read(device);
        String summary = g.zoneCount() + " zones of " + human(g.zoneSizeBytes()) + " (capacity "
                + human(g.zoneCapacity() * g.lbaSize()) + ") · " + ZoneMapChart.stateCounts(src.cells())
                + " · " + src.note()
                + (src.fluffle() ? " · solid: valid data in data zones, written data elsewhere" : " · solid = written");
        ChartFiles.write(ZoneMapChart.build(src.cells(), "Zones of " + name, summary, src.fluffle(), width, height),
                output, width, height);
    }

    private static String human(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1024 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + " " + units[u];
    }
}
