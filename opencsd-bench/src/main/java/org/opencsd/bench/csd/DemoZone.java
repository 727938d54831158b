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
 * one 256 MiB zone (65,536 LBAs of 4 KiB) full of ZCSD demo data, seed 42. Not thread-safe to
 * create or close; the device itself is thread-safe.
 */
final class DemoZone implements AutoCloseable {
    static final int LBA = 4096;
    static final long ZONE_LBAS = (256L << 20) / LBA;
    static final long SEED = 42;

    final Path folder;
    final ZonedDevice device;

    DemoZone() throws IOException {
        Path base = Path.of(System.getProperty("csd.bench.dir", System.getProperty("java.io.tmpdir")));
        folder = Files.createTempDirectory(base, "csd-bench");
        device = ZonedDevices.create(folder.resolve("bench.img"), ZoneGeometry.of(2, LBA, ZONE_LBAS, ZONE_LBAS));
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
