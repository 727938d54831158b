package org.opencsd.fluffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.zns.ImageException;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/** Mounting what is not a healthy FluffleFS: one clear error, and not one write to the device. */
class BadImageTest {
    private static ImageFormatException refused(ZonedDevice d) {
        FaultyDevice counting = new FaultyDevice(d, 0);
        ImageFormatException e = assertThrows(ImageFormatException.class, () -> TestDevices.mount(counting));
        assertEquals(0, counting.writes(), "mount wrote to a device it refused");
        assertFalse(e.getMessage().contains("\n"));
        FsckReport r = Fsck.check(d);
        assertFalse(r.clean());
        return e;
    }

    /** A formatted device whose superblock is replaced by {@code block} (zone 0 rewritten). */
    private static ZonedDevice withSuperblock(byte[] block) {
        ZonedDevice d = TestDevices.formatted(16, 64);
        d.manage(0, ZoneAction.RESET);
        d.append(0, block);
        d.manage(0, ZoneAction.FINISH);
        return d;
    }

    private static byte[] superblock(ZonedDevice d) {
        return d.read(0, 1);
    }

    @Test
    void unformatted() {
        assertTrue(refused(ZonedDevices.memory(TestDevices.geometry(16, 64))).getMessage().startsWith("not formatted"));
    }

    @Test
    void foreign() {
        byte[] junk = TestDevices.pattern(9, 4096);
        assertTrue(refused(withSuperblock(junk)).getMessage().contains("not a FluffleFS"));
    }

    @Test
    void otherVersion() {
        byte[] sb = superblock(TestDevices.formatted(16, 64));
        ByteBuffer.wrap(sb).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
        assertTrue(refused(withSuperblock(sb)).getMessage().contains("version 2 is not supported"));
    }

    @Test
    void corruptSuperblock() {
        byte[] sb = superblock(TestDevices.formatted(16, 64));
        sb[40] ^= 1;
        assertTrue(refused(withSuperblock(sb)).getMessage().contains("checksum"));
    }

    @Test
    void superblockOfAnotherGeometry() {
        byte[] sb = superblock(TestDevices.formatted(16, 64));
        ZonedDevice other = TestDevices.formatted(20, 64);
        other.manage(0, ZoneAction.RESET);
        other.append(0, sb);
        other.manage(0, ZoneAction.FINISH);
        assertTrue(refused(other).getMessage().contains("describes 16 zones"));
    }

    @Test
    void corruptCheckpoint() {
        ZonedDevice d = TestDevices.formatted(16, 64);
        FluffleFs fs = TestDevices.mount(d);
        fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT);
        fs.close();
        for (int z = 1; z <= 2; z++) {
            if (d.zone(z).state() == org.opencsd.zns.ZoneState.EMPTY) continue;
            byte[] first = d.read(d.geometry().zoneStart(z), 1);
            first[100] ^= 0x55;
            d.manage(z, ZoneAction.RESET);
            d.append(z, first);
        }
        assertTrue(refused(d).getMessage().contains("no metadata zone holds a valid checkpoint"));
    }

    @Test
    void truncatedImageFile(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("fs.img");
        try (ZonedDevice d = ZonedDevices.create(img, TestDevices.geometry(16, 64))) {
            FluffleFs.format(d);
            try (FluffleFs fs = FluffleFs.mount(d, MountOptions.foregroundOnly(), false)) {
                long ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
                fs.write(ino, 0, ByteBuffer.allocate(100_000));
            }
        }
        byte[] before = Files.readAllBytes(img);
        try (var ch = java.nio.channels.FileChannel.open(img, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(before.length - 8192);
        }
        byte[] cut = Files.readAllBytes(img);
        assertThrows(ImageException.class, () -> ZonedDevices.open(img));
        assertEquals(cut.length, Files.readAllBytes(img).length);
    }
}
