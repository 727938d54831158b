package org.opencsd.cli.zns;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.opencsd.zns.ZoneDescriptor;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZoneState;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns info}: the geometry and how many zones are in each state. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show an image's geometry, limits and zones by state (read-only).",
        footer = {"", "Example:", "  opencsd zns info dev.img --json"})
public final class ZnsInfo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = Devices.forReading(image)) {
            ZoneGeometry g = d.geometry();
            Map<ZoneState, Integer> byState = new EnumMap<>(ZoneState.class);
            for (ZoneState s : ZoneState.values()) byState.put(s, 0);
            for (ZoneDescriptor z : d.zones()) byState.merge(z.state(), 1, Integer::sum);
            PrintWriter out = spec.commandLine().getOut();
            if (json) printJson(out, g, byState);
            else printText(out, g, byState);
        }
        return 0;
    }

    private void printText(PrintWriter out, ZoneGeometry g, Map<ZoneState, Integer> byState) {
        out.printf("image:             %s%n", image);
        out.printf("zones:             %d%n", g.zoneCount());
        out.printf("LBA size:          %d bytes%n", g.lbaSize());
        out.printf("zone size:         %d LBAs (%s)%n", g.zoneSize(), SizeConverter.human(g.zoneSizeBytes()));
        out.printf("zone capacity:     %d LBAs (%s)%n", g.zoneCapacity(),
                SizeConverter.human(g.zoneCapacity() * g.lbaSize()));
        out.printf("namespace:         %d LBAs (%s)%n", g.totalLbas(), SizeConverter.human(g.totalBytes()));
        out.printf("max open (MOR):    %s%n", limit(g.maxOpen()));
        out.printf("max active (MAR):  %s%n", limit(g.maxActive()));
        out.printf("ZASL:              %s%n", g.zaslBytes() == 0 ? "MDTS" : SizeConverter.human(g.zaslBytes()));
        out.printf("MDTS:              %s%n", g.mdtsBytes() == 0 ? "unlimited" : SizeConverter.human(g.mdtsBytes()));
        out.printf("cross-zone reads:  %s%n", g.crossZoneReads() ? "yes" : "no");
        out.printf("descriptor ext.:   %d bytes%n", g.descriptorExtensionSize());
        StringJoiner states = new StringJoiner(", ");
        byState.forEach((s, n) -> {
            if (n > 0) states.add(s.nvmeCliName() + " " + n);
        });
        out.printf("zones by state:    %s%n", states);
    }

    private void printJson(PrintWriter out, ZoneGeometry g, Map<ZoneState, Integer> byState) {
        StringJoiner states = new StringJoiner(",", "{", "}");
        byState.forEach((s, n) -> states.add(Json.quote(s.nvmeCliName()) + ":" + n));
        out.println("{\"image\":" + Json.quote(image.toString())
                + ",\"zones\":" + g.zoneCount() + ",\"lba_size\":" + g.lbaSize()
                + ",\"zone_size\":" + g.zoneSize() + ",\"zone_capacity\":" + g.zoneCapacity()
                + ",\"total_lbas\":" + g.totalLbas() + ",\"max_open\":" + g.maxOpen()
                + ",\"max_active\":" + g.maxActive() + ",\"zasl_bytes\":" + g.zaslBytes()
                + ",\"mdts_bytes\":" + g.mdtsBytes() + ",\"cross_zone_reads\":" + g.crossZoneReads()
                + ",\"descriptor_extension_bytes\":" + g.descriptorExtensionSize()
                + ",\"zones_by_state\":" + states + "}");
    }

    private static String limit(int n) {
        return n == 0 ? "unlimited" : String.valueOf(n);
    }
}
