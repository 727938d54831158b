package org.opencsd.bench.zns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sequential Zone Append on the file backend against plain positional {@link FileChannel}
 * writes of the same size, appended at the end of a file in the same folder. Each iteration
 * starts from a fresh (sparse) image and a fresh file, so both write into new space.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ZnsAppendBenchmark {
    private static final int ZONES = 256;
    private static final long ZONE_BYTES = 64L << 20;

    @Param({"4096", "131072"})
    int size;

    private Path folder;
    private ZonedDevice device;
    private FileChannel plain;
    private ByteBuffer buffer;
    private int zone;
    private long zoneFill;
    private long plainPosition;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
        folder = BenchFiles.newFolder();
        ZoneGeometry g = ZoneGeometry.of(ZONES, 4096, ZONE_BYTES / 4096, ZONE_BYTES / 4096);
        device = ZonedDevices.create(folder.resolve("bench.img"), g);
        plain = FileChannel.open(folder.resolve("plain.bin"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        buffer = ByteBuffer.allocateDirect(size);
        byte[] fill = new byte[size];
        ThreadLocalRandom.current().nextBytes(fill);
        buffer.put(fill).flip();
        zone = 0;
        zoneFill = 0;
        plainPosition = 0;
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
        device.close();
        plain.close();
        BenchFiles.delete(folder);
    }

    /** One Zone Append of {@code size} bytes; moves to the next zone when one fills. */
    @Benchmark
    public long appendZns(CpuTime cpu) {
        cpu.count();
        if (zoneFill + size > ZONE_BYTES) nextZone();
        buffer.clear();
        zoneFill += size;
        return device.append(device.geometry().zoneStart(zone), buffer);
    }

    /** One positional write of {@code size} bytes at the end of a plain file. */
    @Benchmark
    public int appendPlainFile(CpuTime cpu) throws IOException {
        cpu.count();
        buffer.clear();
        int n = plain.write(buffer, plainPosition);
        plainPosition += n;
        return n;
    }

    private void nextZone() {
        zone = (zone + 1) % ZONES;
        zoneFill = 0;
        if (zone == 0) device.manageAll(ZoneAction.RESET); // 16 GiB later: start over
    }
}
