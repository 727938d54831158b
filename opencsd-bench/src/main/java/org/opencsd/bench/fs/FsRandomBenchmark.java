package org.opencsd.bench.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.zns.ZonedDevice;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 4 KiB random requests on a 1 GiB file (written sequentially in the set-up) through
 * FluffleFS's API, next to the raw device: random 4 KiB reads of 1 GiB of written LBAs, and 4 KiB
 * Zone Appends (a zoned device has no random writes; an append is what a random write costs it).
 * Operations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class FsRandomBenchmark {
    private static final int B = 4096;
    private static final long BLOCKS = FsBenchImages.GIB / B;

    private Path folder;
    private ZonedDevice fsDevice;
    private ZonedDevice raw;
    private FluffleFs fs;
    private long ino;
    private int rawZone;
    private long rawFill;
    private final SplittableRandom rnd = new SplittableRandom(1);
    private final ByteBuffer block = FsBenchImages.randomBuffer(B);
    private final ByteBuffer into = ByteBuffer.allocateDirect(B);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = FsBenchImages.newFolder();
        fsDevice = FsBenchImages.newDevice(folder, "fs.img");
        fs = FsBenchImages.newFs(fsDevice);
        ino = fs.create(FluffleFs.ROOT, "big", 0644, Credentials.ROOT).ino();
        ByteBuffer chunk = FsBenchImages.randomBuffer(FsBenchImages.CHUNK);
        for (long off = 0; off < FsBenchImages.GIB; off += FsBenchImages.CHUNK) {
            chunk.clear();
            fs.write(ino, off, chunk);
        }
        fs.fsync(ino, false);
        raw = FsBenchImages.newDevice(folder, "raw.img");
        int perZone = (int) (raw.geometry().zoneCapacity() * B / FsBenchImages.CHUNK);
        for (int i = 0; i < FsBenchImages.GIB / FsBenchImages.CHUNK; i++) {
            chunk.clear();
            raw.append(raw.geometry().zoneStart(i / perZone), chunk);
        }
        rawZone = (int) (FsBenchImages.GIB / (raw.geometry().zoneCapacity() * B));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        fs.close();
        fsDevice.close();
        raw.close();
        FsBenchImages.delete(folder);
    }

    @Benchmark
    public int fluffleRandomWrite4k() {
        block.clear();
        return fs.write(ino, rnd.nextLong(BLOCKS) * B, block);
    }

    @Benchmark
    public int fluffleRandomRead4k() {
        into.clear();
        return fs.read(ino, rnd.nextLong(BLOCKS) * B, into);
    }

    @Benchmark
    public long deviceRandomRead4k() {
        into.clear();
        raw.read(rnd.nextLong(BLOCKS), into);
        return into.position();
    }

    @Benchmark
    public long deviceAppend4k() {
        long cap = raw.geometry().zoneCapacity();
        if (rawFill == cap) {
            rawZone++;
            rawFill = 0;
            if (rawZone == raw.geometry().zoneCount()) {
                rawZone = (int) (FsBenchImages.GIB / (cap * B));
                for (int z = rawZone; z < raw.geometry().zoneCount(); z++) raw.manage(z, org.opencsd.zns.ZoneAction.RESET);
            }
        }
        block.clear();
        rawFill++;
        return raw.append(raw.geometry().zoneStart(rawZone), block);
    }
}
