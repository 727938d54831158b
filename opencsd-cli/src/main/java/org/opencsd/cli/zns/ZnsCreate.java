package org.opencsd.cli.zns;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns create}: makes a new image, every zone Empty. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a zoned device image (sparse; it grows as data is written).",
        footer = {"", "Example:", "  opencsd zns create dev.img --zones 16 --zone-size 64M \\",
                "      --zone-capacity 48M --max-open 4 --max-active 8 --zasl 128K"})
public final class ZnsCreate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image file to create (must not exist).")
    Path image;

    @Option(names = "--zones", required = true, paramLabel = "N", description = "Number of zones.")
    int zones;

    @Option(names = "--zone-size", required = true, paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Zone size (ZSZE), e.g. 64M; a multiple of the LBA size.")
    long zoneSize;

    @Option(names = "--zone-capacity", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Writable bytes per zone (ZCAP), at most the zone size (default: the zone size).")
    Long zoneCapacity;

    @Option(names = "--lba-size", paramLabel = "BYTES", defaultValue = "4096",
            description = "Bytes per logical block: 512 or 4096 (any power of two 512-65536; default ${DEFAULT-VALUE}).")
    int lbaSize;

    @Option(names = "--max-open", paramLabel = "N", defaultValue = "0",
            description = "Max Open Resources (MOR); 0 = unlimited (default), or the active limit when that is set.")
    int maxOpen;

    @Option(names = "--max-active", paramLabel = "N", defaultValue = "0",
            description = "Max Active Resources (MAR); 0 = unlimited (default).")
    int maxActive;

    @Option(names = "--zasl", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "0",
            description = "Zone Append Size Limit; 0 = only MDTS limits appends (default).")
    long zasl;

    @Option(names = "--mdts", paramLabel = "SIZE", converter = SizeConverter.class, defaultValue = "0",
            description = "Maximum Data Transfer Size of any command; 0 = unlimited (default).")
    long mdts;

    @Option(names = "--cross-zone-reads", description = "Allow reads that cross zone boundaries (RAZB).")
    boolean crossZoneReads;

    @Option(names = "--descriptor-extension", paramLabel = "SIZE", converter = SizeConverter.class,
            defaultValue = "0", description = "Zone descriptor extension size (ZDES), a multiple of 64; 0 = none.")
    long descriptorExtension;

    @Override
    public Integer call() throws Exception {
        ZoneGeometry g = geometry();
        try (ZonedDevice d = ZonedDevices.create(image, g)) {
            spec.commandLine().getOut().printf("created %s: %d zones of %d LBAs (capacity %d), %d-byte LBAs, %s%n",
                    image, g.zoneCount(), g.zoneSize(), g.zoneCapacity(), g.lbaSize(),
                    SizeConverter.human(d.geometry().totalBytes()));
        }
        return 0;
    }

    private ZoneGeometry geometry() {
        long capacity = zoneCapacity == null ? zoneSize : zoneCapacity;
        if (lbaSize <= 0) throw new UserError("invalid geometry: the LBA size must be a power of two from 512 to 65536, not " + lbaSize);
        requireLbas("--zone-size", zoneSize);
        requireLbas("--zone-capacity", capacity);
        if (descriptorExtension > Integer.MAX_VALUE) throw new UserError("--descriptor-extension is too large");
        try {
            return new ZoneGeometry(zones, lbaSize, zoneSize / lbaSize, capacity / lbaSize, maxOpen, maxActive,
                    zasl, mdts, crossZoneReads, (int) descriptorExtension);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private void requireLbas(String option, long bytes) {
        if (Integer.bitCount(lbaSize) == 1 && bytes % lbaSize != 0) {
            throw new UserError("invalid geometry: " + option + " " + bytes + " is not a multiple of the LBA size "
                    + lbaSize);
        }
    }
}
