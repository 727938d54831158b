package org.opencsd.zns;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link KillDuringWritesTest}: opens an image for writing, prints
 * {@code ready}, then appends and writes {@link Pattern} data forever, resetting zones that fill
 * up, until it is killed.
 */
public final class ImageWriterChild {
    private ImageWriterChild() {}

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        ZonedDevice d = ZonedDevices.open(image);
        ZoneGeometry g = d.geometry();
        System.out.println("ready");
        System.out.flush();
        for (long i = 0; ; i++) {
            int zone = (int) (i % g.zoneCount());
            ZoneDescriptor z = d.zone(zone);
            if (z.state() == ZoneState.FULL) {
                d.manage(zone, ZoneAction.RESET);
                continue;
            }
            long wp = z.writePointer();
            int blocks = (int) Math.min(1 + random.nextInt(16), z.startLba() + g.zoneCapacity() - wp);
            byte[] data = Pattern.of(wp, blocks, g.lbaSize());
            if (random.nextBoolean()) {
                long got = d.append(z.startLba(), ByteBuffer.wrap(data));
                if (got != wp) throw new AssertionError("append went to " + got + ", expected " + wp);
            } else {
                d.write(wp, ByteBuffer.wrap(data));
            }
        }
    }
}
