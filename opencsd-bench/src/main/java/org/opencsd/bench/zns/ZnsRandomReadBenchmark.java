package org.opencsd.bench.zns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random 4 KiB reads from 256 MiB of written data on the file backend, against plain positional
 * {@link FileChannel} reads of 4 KiB at the same random offsets of a file holding the same
 * bytes, in the same folder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ZnsRandomReadBenchmark {
    private static final int LBA = 4096;
    private static final int ZONES = 4;
    private static final long ZONE_LBAS = (64L << 20) / LBA;
    private static final long LBAS = ZONES * ZONE_LBAS;

    private Path folder;
    private ZonedDevice device;
    private FileChannel plain;
    private ByteBuffer buffer;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = BenchFiles.newFolder();
        ZoneGeometry g = ZoneGeometry.of(ZONES, LBA, ZONE_LBAS, ZONE_LBAS);
        device = ZonedDevices.create(folder.resolve("bench.img"), g);
        plain = FileChannel.open(folder.resolve("plain.bin"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
        SplittableRandom fill = new SplittableRandom(42);
        for (long at = 0; at < LBAS * LBA; at += chunk.capacity()) {
            chunk.clear();
            while (chunk.hasRemaining()) chunk.putLong(fill.nextLong());
            chunk.flip();
            device.append(g.zoneStart((int) (at / (ZONE_LBAS * LBA))), chunk);
            chunk.flip();
            while (chunk.hasRemaining()) plain.write(chunk, at + chunk.position());
        }
        device.flush();
        plain.force(true);
        buffer = ByteBuffer.allocateDirect(LBA);
        random = new SplittableRandom(7);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        device.close();
        plain.close();
        BenchFiles.delete(folder);
    }

    /** One 4 KiB Read at a random LBA. */
    @Benchmark
    public ByteBuffer readZns(CpuTime cpu) {
        cpu.count();
        buffer.clear();
        device.read(random.nextLong(LBAS), buffer);
        return buffer;
    }

    /** One 4 KiB positional read at a random 4 KiB-aligned offset. */
    @Benchmark
    public int readPlainFile(CpuTime cpu) throws IOException {
        cpu.count();
        buffer.clear();
        return plain.read(buffer, random.nextLong(LBAS) * LBA);
    }
}
