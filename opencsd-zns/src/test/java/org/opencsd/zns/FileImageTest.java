package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file backend: persistence across reopen, power cycle, sparseness, the writer lock. */
class FileImageTest {
    @TempDir
    Path dir;

    private static ZoneGeometry geometry() {
        return ZoneGeometry.of(8, 4096, 16, 12).withLimits(3, 6).withOptions(false, 64);
    }

    @Test
    void zoneStatesDataAndExtensionsSurviveReopen() throws IOException {
        Path img = dir.resolve("dev.img");
        byte[] ext = new byte[64];
        ext[5] = 55;
        byte[] data = Zones.blocks(geometry(), 3, 7);
        List<ZoneDescriptor> before;
        try (ZonedDevice d = ZonedDevices.create(img, geometry())) {
            d.append(0, data);                          // implicitly open, oldest
            d.append(1, data);                          // implicitly open
            d.manage(2, ZoneAction.OPEN);               // explicitly open
            Zones.bringTo(d, 3, ZoneState.CLOSED);
            d.manage(4, ZoneAction.FINISH);
            d.injectFault(5, ZoneState.READ_ONLY);
            d.setDescriptorExtension(geometry().zoneStart(6), ext);
            before = d.zones();
        }
        try (ZonedDevice d = ZonedDevices.open(img)) {
            assertEquals(before, d.zones());
            assertArrayEquals(data, d.read(16, 3));
            assertArrayEquals(ext, d.zone(6).extension());
            // open count 3 = MOR: the next implicit open closes the oldest, zone 0, then zone 1
            d.append(7, data);
            assertEquals(ZoneState.CLOSED, d.zone(0).state());
            assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(1).state());
        }
    }

    @Test
    void powerCycleClosesOpenZonesOnTheImage() throws IOException {
        Path img = dir.resolve("dev.img");
        try (ZonedDevice d = ZonedDevices.create(img, geometry())) {
            d.append(0, Zones.blocks(geometry(), 2, 1));
            d.manage(1, ZoneAction.OPEN);
            d.manage(2, ZoneAction.FINISH);
        }
        try (ZonedDevice d = ZonedDevices.open(img)) {
            d.powerCycle();
        }
        try (ZonedDevice d = ZonedDevices.openReadOnly(img)) {
            assertEquals(ZoneState.CLOSED, d.zone(0).state());
            assertEquals(2, d.zone(0).writePointer());
            assertEquals(ZoneState.EMPTY, d.zone(1).state());
            assertEquals(ZoneState.FULL, d.zone(2).state());
        }
    }

    @Test
    void theImageIsSparseAndResetZeroesTheMedium() throws IOException {
        Path img = dir.resolve("dev.img");
        long dataOffset = ImageHeader.forGeometry(geometry()).dataOffset();
        try (ZonedDevice d = ZonedDevices.create(img, geometry())) {
            assertEquals(dataOffset, Files.size(img));
            d.append(3, Zones.blocks(geometry(), 12, 3));
            assertEquals(dataOffset + (3 * 16 + 12) * 4096L, Files.size(img));
            d.manage(3, ZoneAction.RESET);
        }
        byte[] raw = Files.readAllBytes(img);
        for (long i = dataOffset + 3 * 16 * 4096L; i < raw.length; i++) assertEquals(0, raw[(int) i]);
        assertThrows(FileAlreadyExistsException.class, () -> ZonedDevices.create(img, geometry()));
    }

    @Test
    void resetFreesTheZonesBlocksOnTheHostFileSystem() throws Exception {
        Path img = dir.resolve("dev.img");
        try (ZonedDevice d = ZonedDevices.create(img, geometry())) {
            d.append(3, Zones.blocks(geometry(), 12, 3));
            d.flush();
            long before = allocatedSectors(img);
            d.manage(3, ZoneAction.RESET);
            d.flush();
            long freed = before - allocatedSectors(img);
            assertTrue(freed >= 12 * 8, "a reset punches the zone's 12 blocks out of the image; freed " + freed + " sectors");
            assertArrayEquals(new byte[12 * 4096], d.read(3 * 16, 12));
        }
    }

    /** 512-byte sectors allocated to {@code file} on the host ({@code stat %b}). */
    private static long allocatedSectors(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor(), out);
        return Long.parseLong(out);
    }

    @Test
    void aSecondWriterIsRefusedReadersShare() throws IOException {
        Path img = dir.resolve("dev.img");
        try (ZonedDevice d = ZonedDevices.create(img, geometry())) {
            ImageInUseException e = assertThrows(ImageInUseException.class, () -> ZonedDevices.open(img));
            assertEquals(ProcessHandle.current().pid(), e.pid());
            assertEquals("image " + img + " is in use by process " + e.pid(), e.getMessage());
            d.append(0, Zones.blocks(geometry(), 1, 1));
            try (ZonedDevice r = ZonedDevices.openReadOnly(img); ZonedDevice r2 = ZonedDevices.openReadOnly(img)) {
                assertEquals(1, r.zone(0).writePointer());
                assertEquals(r.zones(), r2.zones());
                assertThrows(IllegalStateException.class, () -> r.manage(0, ZoneAction.FINISH));
            }
        }
        try (ZonedDevice d = ZonedDevices.open(img)) { // released on close
            assertEquals(ZoneState.IMPLICITLY_OPENED, d.zone(0).state());
        }
    }

    @Test
    void readersAndRefusedWritersInTheWritersJvmDoNotDropItsOsLock() throws Exception {
        Path img = dir.resolve("dev.img");
        try (ZonedDevice d = ZonedDevices.create(img, geometry())) {
            ZonedDevices.openReadOnly(img).close();
            assertThrows(ImageInUseException.class, () -> ZonedDevices.open(img));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ImageLockProbe.class.getName(), img.toString()).redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes()).trim();
            probe.waitFor();
            assertEquals("image " + img + " is in use by process " + ProcessHandle.current().pid(), out);
            assertFalse(d.isReadOnly());
        }
    }

    @Test
    void badImagesGiveOneLineAndStayByteIdentical() throws IOException {
        Path good = dir.resolve("good.img");
        ZoneGeometry g = geometry();
        ImageHeader h = ImageHeader.forGeometry(g);
        try (ZonedDevice d = ZonedDevices.create(good, g)) {
            d.append(1, Zones.blocks(g, 4, 1));
            d.setDescriptorExtension(g.zoneStart(2), new byte[64]);
        }
        byte[] image = Files.readAllBytes(good);
        record Bad(String name, String message, byte[] bytes) {}
        List<Bad> cases = List.of(
                new Bad("empty", "is empty", new byte[0]),
                new Bad("short", "is truncated: 100 bytes", java.util.Arrays.copyOf(image, 100)),
                new Bad("no-table", "is truncated", java.util.Arrays.copyOf(image, (int) h.tableOffset() + 10)),
                new Bad("cut-data", "is truncated: zone 1's data ends", java.util.Arrays.copyOf(image,
                        (int) (h.dataOffset() + (16 + 2) * 4096))),
                new Bad("foreign", "is not a zoned device image", patch(image, 0, (byte) 'X')),
                new Bad("header", "corrupt header", patch(image, 17, (byte) 9)),
                new Bad("table", "corrupt zone-state table: zone 1 has no record",
                        patch(patch(image, (int) h.tableOffset() + 128 + 9, (byte) 1),
                                (int) h.tableOffset() + 128 + 64 + 9, (byte) 1)),
                new Bad("extension", "zone 2's descriptor extension fails its checksum",
                        patch(image, (int) h.extensionOffset() + 2 * 64, (byte) 1)));
        for (Bad bad : cases) {
            Path p = dir.resolve(bad.name() + ".img");
            Files.write(p, bad.bytes());
            for (boolean writable : new boolean[] {true, false}) {
                ImageException e = assertThrows(ImageException.class,
                        () -> (writable ? ZonedDevices.open(p) : ZonedDevices.openReadOnly(p)).close(), bad.name());
                assertTrue(e.getMessage().startsWith("image " + p + " "), e.getMessage());
                assertTrue(e.getMessage().contains(bad.message()), bad.name() + ": " + e.getMessage());
                assertArrayEquals(bad.bytes(), Files.readAllBytes(p), bad.name() + " was changed");
            }
        }
        assertThrows(NoSuchFileException.class, () -> ZonedDevices.open(dir.resolve("missing.img")));
    }

    @Test
    void aTornNewerRecordFallsBackToThePreviousOne() throws IOException {
        Path img = dir.resolve("dev.img");
        ZoneGeometry g = geometry();
        try (ZonedDevice d = ZonedDevices.create(img, g)) {
            d.append(0, Zones.blocks(g, 1, 1)); // slot 1 holds wp 1 (after a high-water update)
            d.append(0, Zones.blocks(g, 1, 2)); // the newest slot holds wp 2
        }
        long table = ImageHeader.forGeometry(g).tableOffset();
        int newest = newestSlot(img, table);
        try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
            f.seek(table + newest * 64L + 8);
            f.write(7); // tear the newest record
        }
        try (ZonedDevice d = ZonedDevices.openReadOnly(img)) {
            assertEquals(1, d.zone(0).writePointer());
        }
    }

    private static int newestSlot(Path img, long table) throws IOException {
        byte[] raw = Files.readAllBytes(img);
        var b = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        return b.getLong((int) table) > b.getLong((int) table + 64) ? 0 : 1;
    }

    private static byte[] patch(byte[] image, int at, byte value) {
        byte[] b = image.clone();
        b[at] ^= value;
        return b;
    }
}
