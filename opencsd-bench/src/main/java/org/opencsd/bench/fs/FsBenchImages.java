package org.opencsd.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.MountOptions;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * Images for the FluffleFS benchmarks: file-backed zoned devices of 64 zones of 64 MiB (4 GiB,
 * MAR 14) in a temporary folder ({@code -Dfs.bench.dir=DIR}, else the system temporary folder),
 * the same geometry for FluffleFS and for the raw-device baseline.
 */
final class FsBenchImages {
    static final long GIB = 1L << 30;
    static final int CHUNK = 1 << 20;

    private FsBenchImages() {}

    static ZoneGeometry geometry() {
        return ZoneGeometry.of(64, 4096, (64L << 20) / 4096, (64L << 20) / 4096).withLimits(14, 14);
    }

    static Path newFolder() throws IOException {
        Path base = Path.of(System.getProperty("fs.bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(base, "fluffle-bench");
    }

    static ZonedDevice newDevice(Path folder, String name) throws IOException {
        return ZonedDevices.create(folder.resolve(name), geometry());
    }

    /** A new formatted and mounted FluffleFS (no background thread: the benchmark thread does the work). */
    static FluffleFs newFs(ZonedDevice d) {
        FluffleFs.format(d);
        return FluffleFs.mount(d, MountOptions.foregroundOnly(), false);
    }

    static ByteBuffer randomBuffer(int size) {
        byte[] b = new byte[size];
        ThreadLocalRandom.current().nextBytes(b);
        return ByteBuffer.allocateDirect(size).put(b).flip();
    }

    static void delete(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) return;
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
