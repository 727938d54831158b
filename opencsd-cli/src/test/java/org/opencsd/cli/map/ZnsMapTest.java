package org.opencsd.cli.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.cli.Main;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.MountOptions;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import picocli.CommandLine;

/** {@code zns map}: PNG and SVG of the expected size, garbage drawn only where FluffleFS has some. */
class ZnsMapTest {
    @TempDir Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    private Path image(int zones) {
        Path img = dir.resolve("dev" + zones + ".img");
        Run r = run("zns", "create", img.toString(), "--zones", String.valueOf(zones), "--zone-size", "1M",
                "--zone-capacity", "768K", "--max-active", "8");
        assertEquals(0, r.exit(), r.err());
        return img;
    }

    private static long pixelsOf(BufferedImage img, java.awt.Color c) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == (c.getRGB() & 0xffffff)) n++;
        }
        return n;
    }

    @Test
    void pngOfAFluffleFsShowsInvalidDataAfterAnOverwrite() throws Exception {
        Path img = image(16);
        Path before = dir.resolve("before.png");
        Run plain = run("zns", "map", img.toString(), "--output", before.toString());
        assertEquals(0, plain.exit(), plain.err());
        BufferedImage p0 = ImageIO.read(before.toFile());
        assertEquals(1200, p0.getWidth());
        assertEquals(800, p0.getHeight());
        assertEquals(0, pixelsOf(p0, ZoneColors.INVALID));
        assertTrue(pixelsOf(p0, ZoneColors.BEYOND_CAPACITY) > 1000, "capacity < size is visible");

        assertEquals(0, run("mkfs", img.toString()).exit());
        try (ZonedDevice d = ZonedDevices.open(img);
             FluffleFs fs = FluffleFs.mount(d, MountOptions.foregroundOnly(), false)) {
            long ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
            fs.write(ino, 0, ByteBuffer.wrap(new byte[96 * 4096]));
            fs.fsync(ino, false);
            fs.write(ino, 0, ByteBuffer.wrap(new byte[64 * 4096]));
            fs.fsync(ino, false);
        }
        Path after = dir.resolve("after.png");
        Run r = run("zns", "map", img.toString(), "-o", after.toString(), "--width", "800", "--height", "600");
        assertEquals(0, r.exit(), r.err());
        assertEquals(after + ": 16 zones drawn (800x600)\n", r.out());
        BufferedImage p1 = ImageIO.read(after.toFile());
        assertEquals(800, p1.getWidth());
        assertEquals(600, p1.getHeight());
        assertTrue(pixelsOf(p1, ZoneColors.INVALID) > 100, "the overwritten 256 KiB are drawn as invalid");
    }

    @Test
    void svgOf2048Zones() throws Exception {
        Path img = dir.resolve("big.img");
        assertEquals(0, run("zns", "create", img.toString(), "--zones", "2048", "--zone-size", "64K").exit());
        Path svg = dir.resolve("zones.SVG");
        Run r = run("zns", "map", img.toString(), "--output", svg.toString());
        assertEquals(0, r.exit(), r.err());
        String doc = Files.readString(svg);
        assertTrue(doc.contains("<svg") && doc.contains("width='1200.0'") && doc.contains("height='800.0'"),
                doc.substring(0, Math.min(400, doc.length())));
        assertTrue(doc.contains("Zones of big.img"));
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Path img = image(16);
        Run ext = run("zns", "map", img.toString(), "--output", dir.resolve("z.gif").toString());
        assertEquals(2, ext.exit());
        assertEquals("opencsd: cannot tell the image format of " + dir.resolve("z.gif") + ": use a .png or .svg name\n", ext.err());
        Path notImage = Files.writeString(dir.resolve("junk"), "not an image");
        Run junk = run("zns", "map", notImage.toString(), "--output", dir.resolve("z.png").toString());
        assertTrue(junk.exit() != 0);
        assertEquals(1, junk.err().lines().count(), junk.err());
        assertTrue(!junk.err().contains("\tat "), junk.err());
    }
}
