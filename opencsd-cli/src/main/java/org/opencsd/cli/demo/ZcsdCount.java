package org.opencsd.cli.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.opencsd.csd.BundledKernels;
import org.opencsd.csd.CallContext;
import org.opencsd.csd.ComputationalStorageDevice;
import org.opencsd.csd.CsdConfig;
import org.opencsd.csd.CsdResult;
import org.opencsd.csd.DemoData;
import org.opencsd.csd.ExecuteRequest;
import org.opencsd.csd.ExecutionLimits;
import org.opencsd.csd.LbaGrant;
import org.opencsd.csd.LbaRange;
import org.opencsd.csd.ProgramOptions;
import org.opencsd.ebpf.jit.EngineKind;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * The original ZCSD demo on a raw zoned image of one zone: the zone is filled with random u32
 * values (seed 42, {@code opencsd csd fill}'s data), then the values above RAND_MAX/2 are
 * counted (a) by the host, reading the whole zone, and (b) on the device by the
 * {@code zcsd_demo} kernel (JIT), which returns only the 8-byte count. Stateless; thread-safe.
 */
final class ZcsdCount {
    static final long SEED = 42;
    private static final int READ_BLOCKS = 256;

    private ZcsdCount() {}

    /** Creates {@code image} with {@code g} (one zone) and fills the zone, telling {@code progress} the bytes written. */
    static void prepare(Path image, ZoneGeometry g, LongConsumer progress) throws IOException {
        try (ZonedDevice d = ZonedDevices.create(image, g)) {
            DemoData.fillZone(d, 0, SEED, progress);
        }
    }

    /** (a): the host reads the zone and counts. */
    static Measurement onHost(Path image) throws IOException {
        try (ZonedDevice d = ZonedDevices.openReadOnly(image)) {
            ZoneGeometry g = d.geometry();
            long start = System.nanoTime();
            ByteBuffer buf = ByteBuffer.allocateDirect(READ_BLOCKS * g.lbaSize()).order(ByteOrder.LITTLE_ENDIAN);
            long count = 0, moved = 0;
            for (long lba = 0; lba < g.zoneCapacity(); lba += READ_BLOCKS) {
                int blocks = (int) Math.min(READ_BLOCKS, g.zoneCapacity() - lba);
                buf.clear().limit(blocks * g.lbaSize());
                d.read(g.zoneStart(0) + lba, buf);
                buf.flip();
                moved += buf.remaining();
                while (buf.hasRemaining()) {
                    if (Integer.toUnsignedLong(buf.getInt()) > DemoData.RAND_MAX / 2) count++;
                }
            }
            return new Measurement("host reads the zone", Long.toString(count), System.nanoTime() - start, moved);
        }
    }

    /** (b): {@code zcsd_demo} runs on the device, granted the zone; only its count comes back. */
    static Measurement onDevice(Path image) throws IOException {
        try (ZonedDevice d = ZonedDevices.openReadOnly(image);
             ComputationalStorageDevice csd = new ComputationalStorageDevice(d, CsdConfig.DEFAULTS.withLimits(
                     ExecutionLimits.DEFAULTS.withWallTime(Duration.ofMinutes(2))))) {
            ZoneGeometry g = d.geometry();
            long start = System.nanoTime();
            csd.loadElf(0, "zcsd_demo", BundledKernels.get("zcsd_demo"), ProgramOptions.DEFAULTS.withEngine(EngineKind.JIT));
            csd.activate(0);
            LbaGrant zone = LbaGrant.of(LbaRange.read(g.zoneStart(0), g.zoneCapacity()));
            CsdResult r = csd.execute(ExecuteRequest.of(0, zone, CallContext.describing(zone, g.lbaSize())));
            long nanos = System.nanoTime() - start;
            byte[] data = r.returnData();
            if (r.value() != 0 || data.length != 8) {
                throw new IOException("zcsd_demo failed: r0 = " + r.value() + ", " + data.length + " bytes returned");
            }
            long count = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return new Measurement("zcsd_demo on the device", Long.toString(count), nanos, r.stats().bytesReturned());
        }
    }
}
