package org.opencsd.cli.zns;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.opencsd.zns.ReportFilter;
import org.opencsd.zns.ZoneDescriptor;
import org.opencsd.zns.ZoneReport;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns report-zones}: Zone Management Receive, printed as nvme-cli does. */
@Command(name = "report-zones", mixinStandardHelpOptions = true,
        description = {"Report zones in nvme-cli's layout (read-only).",
                "Prints nr_zones: N, then per zone SLBA, WP, Cap, State (ZS byte), Type, Attrs, AttrsInfo."},
        footer = {"", "Examples:", "  opencsd zns report-zones dev.img", "  opencsd zns report-zones dev.img --state full --json"})
public final class ZnsReportZones implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--state", paramLabel = "STATE", converter = StateFilterConverter.class, defaultValue = "all",
            description = "Only zones in STATE: all, empty, imp_opened, exp_opened, closed, full, readonly, offline.")
    ReportFilter filter;

    @Option(names = {"--start", "-s"}, paramLabel = "SLBA", converter = LbaConverter.class, defaultValue = "0",
            description = "Report from the zone holding this LBA (default 0).")
    long start;

    @Option(names = {"--count", "-d"}, paramLabel = "N", defaultValue = "2147483647",
            description = "Report at most N zones (a partial report: nr_zones counts those printed).")
    int count;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = Devices.forReading(image)) {
            ZoneReport r = d.reportZones(start, filter, count, true);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                StringJoiner zones = new StringJoiner(",", "[", "]");
                for (ZoneDescriptor z : r.descriptors()) zones.add(json(z));
                out.println("{\"nr_zones\":" + r.nrZones() + ",\"zones\":" + zones + "}");
            } else {
                out.println("nr_zones: " + r.nrZones());
                for (ZoneDescriptor z : r.descriptors()) out.println(NvmeCliFormat.line(z));
            }
        }
        return 0;
    }

    private static String json(ZoneDescriptor z) {
        String s = "{\"zone\":" + z.zoneIndex() + ",\"slba\":" + z.startLba()
                + ",\"wp\":" + Long.toUnsignedString(z.writePointer()) + ",\"cap\":" + z.capacity()
                + ",\"state\":" + z.state().descriptorByte() + ",\"state_name\":" + Json.quote(z.state().nvmeCliName())
                + ",\"type\":" + z.type() + ",\"type_name\":\"SEQWRITE_REQ\""
                + ",\"attrs\":" + z.attributes() + ",\"attrs_info\":" + z.attributesInfo();
        byte[] ext = z.extension();
        if (ext.length > 0) s += ",\"extension\":" + Json.quote(HexFormat.of().formatHex(ext));
        return s + "}";
    }
}
