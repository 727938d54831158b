package org.opencsd.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer process killed at random moments: every reopen finds each zone's write pointer at or
 * below the data really on the image, and the data below it exactly what was written. Also: a
 * second process cannot open the image for writing while the child holds it.
 */
class KillDuringWritesTest {
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writePointersNeverRunAheadOfTheData() throws Exception {
        Path img = dir.resolve("crash.img");
        ZoneGeometry g = ZoneGeometry.of(4, 4096, 256, 200);
        ZonedDevices.create(img, g).close();
        Random random = new Random(20261129);
        long progress = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Process child = start(img, random.nextLong());
            try {
                awaitReady(child);
                if (round == 0) {
                    ImageInUseException e = assertThrows(ImageInUseException.class, () -> ZonedDevices.open(img));
                    assertEquals(child.pid(), e.pid(), e.getMessage());
                }
                Thread.sleep(30 + random.nextInt(300));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            progress += verify(img, g);
        }
        assertTrue(progress > 0, "the child never wrote anything");
    }

    /** Checks every zone; returns the LBAs found written. */
    private static long verify(Path img, ZoneGeometry g) throws IOException {
        long fileSize = Files.size(img);
        long dataOffset = ImageHeader.forGeometry(g).dataOffset();
        long written = 0;
        try (ZonedDevice d = ZonedDevices.open(img)) { // writable: the dead child's lock is gone
            for (ZoneDescriptor z : d.zones()) {
                long end = switch (z.state()) {
                    case FULL -> z.startLba() + g.zoneCapacity();
                    case EMPTY -> z.startLba();
                    default -> z.writePointer();
                };
                assertTrue(dataOffset + end * g.lbaSize() <= fileSize || end == z.startLba(),
                        "zone " + z.zoneIndex() + "'s write pointer is beyond the end of the image");
                int blocks = (int) (end - z.startLba());
                if (blocks > 0) {
                    assertArrayEquals(Pattern.of(z.startLba(), blocks, g.lbaSize()), d.read(z.startLba(), blocks),
                            "zone " + z.zoneIndex() + " below its write pointer");
                }
                written += blocks;
            }
        }
        return written;
    }

    private static Process start(Path img, long seed) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                ImageWriterChild.class.getName(), img.toString(), Long.toString(seed)));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("ready", line, "the child did not start");
    }
}
