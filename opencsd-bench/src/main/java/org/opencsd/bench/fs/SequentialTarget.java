package org.opencsd.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.zns.ZonedDevice;

/**
 * What the sequential benchmarks drive: a file on a fresh FluffleFS ({@code fluffle}) or the raw
 * zoned device ({@code device}, appending zone after zone), 1 GiB in 1 MiB requests. Not
 * thread-safe (one benchmark thread).
 */
final class SequentialTarget {
    private final boolean fluffle;
    private final Path folder;
    private final ZonedDevice device;
    private final FluffleFs fs;
    private final long ino;
    private final ByteBuffer chunk = FsBenchImages.randomBuffer(FsBenchImages.CHUNK);
    private final ByteBuffer into = ByteBuffer.allocateDirect(FsBenchImages.CHUNK);

    SequentialTarget(String target) throws IOException {
        fluffle = target.equals("fluffle");
        folder = FsBenchImages.newFolder();
        device = FsBenchImages.newDevice(folder, "bench.img");
        fs = fluffle ? FsBenchImages.newFs(device) : null;
        ino = fluffle ? fs.create(FluffleFs.ROOT, "big", 0644, Credentials.ROOT).ino() : 0;
    }

    void close() throws IOException {
        if (fs != null) fs.close();
        device.close();
        FsBenchImages.delete(folder);
    }

    /** Writes 1 GiB and makes it durable (fsync, or the device's flush); returns the bytes written. */
    long writeAll() {
        long n = 0;
        if (fluffle) {
            for (long off = 0; off < FsBenchImages.GIB; off += FsBenchImages.CHUNK) {
                chunk.clear();
                n += fs.write(ino, off, chunk);
            }
            fs.fsync(ino, false);
        } else {
            int perZone = (int) (device.geometry().zoneCapacity() * 4096 / FsBenchImages.CHUNK);
            for (int i = 0; i < FsBenchImages.GIB / FsBenchImages.CHUNK; i++) {
                chunk.clear();
                device.append(device.geometry().zoneStart(i / perZone), chunk);
                n += FsBenchImages.CHUNK;
            }
            device.flush();
        }
        return n;
    }

    /** Reads the 1 GiB back; returns the bytes read. */
    long readAll() {
        long sum = 0;
        for (long off = 0; off < FsBenchImages.GIB; off += FsBenchImages.CHUNK) {
            into.clear();
            if (fluffle) {
                sum += fs.read(ino, off, into);
            } else {
                device.read(off / 4096, into);
                sum += into.position();
            }
        }
        return sum;
    }
}
