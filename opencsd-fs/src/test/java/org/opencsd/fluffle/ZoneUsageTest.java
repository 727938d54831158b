package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/** ZoneUsage reads roles, written and valid blocks without writing to the device. */
class ZoneUsageTest {
    @Test
    void overwrittenBlocksBecomeInvalidInTheirZone() {
        ZonedDevice dev = TestDevices.formatted(16, 64);
        long ino;
        try (FluffleFs fs = TestDevices.mount(dev)) {
            ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
            fs.write(ino, 0, ByteBuffer.wrap(new byte[8 * 4096]));
            fs.fsync(ino, false);
            fs.write(ino, 0, ByteBuffer.wrap(new byte[3 * 4096]));
            fs.fsync(ino, false);
        }
        FaultyDevice counting = new FaultyDevice(dev, 0);
        List<ZoneUsage> usage = ZoneUsage.read(counting);
        assertEquals(0, counting.writes());
        Superblock sb = Formatter.readSuperblock(dev);
        assertEquals(16, usage.size());
        assertEquals(ZoneUsage.Role.SUPERBLOCK, usage.get(0).role());
        assertEquals(ZoneUsage.Role.METADATA, usage.get(sb.metaZoneFirst()).role());
        assertEquals(ZoneUsage.Role.DATA, usage.get(sb.dataZoneFirst()).role());
        long valid = 0;
        long invalid = 0;
        for (ZoneUsage u : usage) {
            valid += u.validBlocks();
            invalid += u.invalidBlocks();
            assertEquals(true, u.validBlocks() <= u.writtenBlocks());
        }
        assertEquals(8, valid);
        assertEquals(3, invalid);
    }

    @Test
    void anUnformattedDeviceIsAnImageFormatError() {
        ZonedDevice blank = ZonedDevices.memory(TestDevices.geometry(8, 64));
        assertThrows(ImageFormatException.class, () -> ZoneUsage.read(blank));
    }
}
