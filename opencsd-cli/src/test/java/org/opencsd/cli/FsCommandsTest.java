package org.opencsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.MountOptions;
import org.opencsd.zns.ZoneAction;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import picocli.CommandLine;

class FsCommandsTest {
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

    private Path image() {
        Path img = dir.resolve("dev.img");
        assertEquals(0, run("zns", "create", img.toString(), "--zones", "16", "--zone-size", "1M",
                "--zone-capacity", "768K", "--max-active", "8").exit());
        return img;
    }

    @Test
    void mkfsThenFsckIsCleanAndTheFileSystemMounts() throws Exception {
        Path img = image();
        Run mk = run("mkfs", img.toString());
        assertEquals(0, mk.exit(), mk.err());
        assertTrue(mk.out().startsWith("formatted " + img + ": FluffleFS version 1"), mk.out());
        try (ZonedDevice d = ZonedDevices.open(img);
             FluffleFs fs = FluffleFs.mount(d, MountOptions.foregroundOnly(), false)) {
            long ino = fs.create(FluffleFs.ROOT, "hello", 0644, Credentials.ROOT).ino();
            fs.write(ino, 0, ByteBuffer.wrap("hi".getBytes()));
        }
        Run ck = run("fsck", img.toString());
        assertEquals(0, ck.exit(), ck.out() + ck.err());
        assertTrue(ck.out().endsWith(img + ": clean (2 inodes, 1 extents)\n"), ck.out());
        try (ZonedDevice d = ZonedDevices.open(img);
             FluffleFs fs = FluffleFs.mount(d, MountOptions.foregroundOnly(), false)) {
            ByteBuffer b = ByteBuffer.allocate(2);
            fs.read(fs.lookup(FluffleFs.ROOT, "hello").ino(), 0, b);
            assertEquals("hi", new String(b.array()));
        }
    }

    @Test
    void mkfsRefusesToOverwriteWithoutForce() {
        Path img = image();
        assertEquals(0, run("mkfs", img.toString()).exit());
        Run again = run("mkfs", img.toString());
        assertEquals(UserError.EXIT_CODE, again.exit());
        assertEquals("opencsd: " + img + " already holds a FluffleFS (use --force to format it anyway)\n", again.err());
        assertEquals(0, run("mkfs", "--force", img.toString()).exit());
    }

    @Test
    void oneLineErrors() throws Exception {
        Run missing = run("mkfs", dir.resolve("nope.img").toString());
        assertEquals("opencsd: no such file: " + dir.resolve("nope.img") + "\n", missing.err());
        Path small = dir.resolve("small.img");
        run("zns", "create", small.toString(), "--zones", "4", "--zone-size", "1M");
        Run tooSmall = run("mkfs", small.toString());
        assertEquals(UserError.EXIT_CODE, tooSmall.exit());
        assertEquals("opencsd: cannot format " + small + ": FluffleFS needs at least 7 zones, the device has 4\n", tooSmall.err());
        Path img = image();
        byte[] before = Files.readAllBytes(img);
        Run unformatted = run("fsck", img.toString());
        assertEquals(1, unformatted.exit());
        assertTrue(unformatted.out().startsWith("problem: not formatted"), unformatted.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(img)), "fsck changed the image");
    }

    @Test
    void fsckReportsEachProblem() throws Exception {
        Path img = image();
        run("mkfs", img.toString());
        try (ZonedDevice d = ZonedDevices.open(img);
             FluffleFs fs = FluffleFs.mount(d, MountOptions.foregroundOnly(), false)) {
            long ino = fs.create(FluffleFs.ROOT, "f", 0644, Credentials.ROOT).ino();
            fs.write(ino, 0, ByteBuffer.allocate(8192));
        }
        try (ZonedDevice d = ZonedDevices.open(img)) {
            d.manage(3, ZoneAction.RESET); // the data zone that held f's blocks
        }
        Run ck = run("fsck", img.toString());
        assertEquals(1, ck.exit());
        assertTrue(ck.out().contains("problem: inode 2 maps file block 0 to LBA 768+2 beyond zone 3's written data"), ck.out());
        assertTrue(ck.out().endsWith(": 1 problem\n"), ck.out());
    }
}
