package org.opencsd.bench.csd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.opencsd.csd.DemoData;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * A file-backed image in a temporary folder ({@code -Dcsd.bench.dir=DIR}, else the system's) with
 * one zone (256 MiB by default: 65,536 LBAs of 4 KiB) full of ZCSD demo data, seed 42. Not thread-safe to
 * create or close; the device itself is thread-safe.
 */
final class DemoZone implements AutoCloseable {
    static final int LBA = 4096;
    /** LBAs of the default 256 MiB zone. */
    static final long ZONE_LBAS = (256L << 20) / LBA;
    static final long SEED = 42;

    final Path folder;
    final ZonedDevice device;
    /** LBAs of this zone. */
    final long zoneLbas;

    DemoZone() throws IOException {
        this(256);
    }

    DemoZone(int zoneMiB) throws IOException {
        if (zoneMiB <= 0) throw new IllegalArgumentException("zone size must be positive: " + zoneMiB + " MiB");
        zoneLbas = ((long) zoneMiB << 20) / LBA;
        Path base = Path.of(System.getProperty("csd.bench.dir", System.getProperty("java.io.tmpdir")));
        folder = Files.createTempDirectory(base, "csd-bench");
        device = ZonedDevices.create(folder.resolve("bench.img"), ZoneGeometry.of(2, LBA, zoneLbas, zoneLbas));
        DemoData.fillZone(device, 0, SEED);
        device.flush();
    }

    @Override
    public void close() throws IOException {
        device.close();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
