package org.opencsd.cli.zns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/** The zns commands through {@code Main.newCommandLine()}, one command after another on one image. */
class ZnsCommandsTest {
    @TempDir
    Path dir;
    String img;

    @BeforeEach
    void create() {
        img = dir.resolve("dev.img").toString();
        Cli c = Cli.run("zns", "create", img, "--zones", "4", "--zone-size", "64K", "--zone-capacity", "48K",
                "--max-open", "2", "--max-active", "3", "--zasl", "16K");
        assertEquals(0, c.exit(), c.err());
        assertEquals("created " + img + ": 4 zones of 16 LBAs (capacity 12), 4096-byte LBAs, 256 KiB\n", c.out());
    }

    private Path file(String name, int bytes, int seed) throws IOException {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) b[i] = (byte) (seed + i * 13);
        return Files.write(dir.resolve(name), b);
    }

    @Test
    void reportZonesPrintsNvmeCliLayout() throws IOException {
        assertEquals("16\n", Cli.run("zns", "append", img, "--zone", "1", "--input", file("a", 8192, 1).toString()).out());
        assertEquals(0, Cli.run("zns", "finish", img, "--zone", "2").exit());
        Cli r = Cli.run("zns", "report-zones", img);
        assertEquals(0, r.exit(), r.err());
        assertEquals(String.join("\n",
                "nr_zones: 4",
                "SLBA: 0          WP: 0          Cap: 0xc        State: 0x10 Type: 0x2  Attrs: 0    AttrsInfo: 0   ",
                "SLBA: 0x10       WP: 0x12       Cap: 0xc        State: 0x20 Type: 0x2  Attrs: 0    AttrsInfo: 0   ",
                "SLBA: 0x20       WP: 0xffffffffffffffff Cap: 0xc        State: 0xe0 Type: 0x2  Attrs: 0    AttrsInfo: 0   ",
                "SLBA: 0x30       WP: 0x30       Cap: 0xc        State: 0x10 Type: 0x2  Attrs: 0    AttrsInfo: 0   ",
                ""), r.out());
        Cli full = Cli.run("zns", "report-zones", img, "--state", "full");
        assertEquals("nr_zones: 1\n" + "SLBA: 0x20       WP: 0xffffffffffffffff Cap: 0xc        State: 0xe0 Type: 0x2  "
                + "Attrs: 0    AttrsInfo: 0   \n", full.out());
        Cli json = Cli.run("zns", "report-zones", img, "--state", "IMP_OPENED", "--json");
        JsonCheck.valid(json.out());
        assertTrue(json.out().contains("\"nr_zones\":1,"), json.out());
        assertTrue(json.out().contains("\"wp\":18,"), json.out());
        JsonCheck.valid(Cli.run("zns", "report-zones", img, "--json").out());
        assertEquals("nr_zones: 0\n", Cli.run("zns", "report-zones", img, "--state", "offline").out());
    }

    @Test
    void infoInTextAndJson() {
        Cli text = Cli.run("zns", "info", img);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("zone capacity:     12 LBAs (48 KiB)"), text.out());
        assertTrue(text.out().contains("zones by state:    EMPTY 4"), text.out());
        Cli json = Cli.run("zns", "info", img, "--json");
        JsonCheck.valid(json.out());
        assertTrue(json.out().contains("\"max_open\":2,\"max_active\":3"), json.out());
    }

    @Test
    void writeAppendAndReadRoundTripAcrossCommands() throws IOException {
        Path a = file("a", 4096 * 3, 5);
        assertEquals("wrote 3 LBAs at LBA 0x0\n", Cli.run("zns", "write", img, "--lba", "0", "--input", a.toString()).out());
        assertEquals("3\n", Cli.run("zns", "append", img, "--zone", "0", "--input", file("b", 100, 6).toString()).out());
        Path out = dir.resolve("out");
        Cli r = Cli.run("zns", "read", img, "--lba", "0x0", "--blocks", "5", "--output", out.toString());
        assertEquals(0, r.exit(), r.err());
        byte[] got = Files.readAllBytes(out);
        byte[] expected = new byte[5 * 4096];
        System.arraycopy(Files.readAllBytes(a), 0, expected, 0, 3 * 4096);
        System.arraycopy(Files.readAllBytes(dir.resolve("b")), 0, expected, 3 * 4096, 100); // padded with zeroes
        assertArrayEquals(expected, got);
    }

    @Test
    void zoneManagementAndPowerCycleAndFaults() throws IOException {
        assertEquals("zone 1 (SLBA 0x10): EXP_OPENED\n", Cli.run("zns", "open", img, "--zone", "1").out());
        Cli.run("zns", "append", img, "--zone", "2", "--input", file("a", 4096, 1).toString());
        assertEquals("power cycled " + img + ": 2 open zones closed\n", Cli.run("zns", "power-cycle", img).out());
        assertEquals("all zones: EMPTY 3, CLOSED 1\n", Cli.run("zns", "close", img, "--all").out());
        assertEquals("zone 3: READONLY\n", Cli.run("zns", "fault", img, "--zone", "3", "--state", "readonly").out());
        assertEquals("all zones: EMPTY 2, CLOSED 1, OFFLINE 1\n", Cli.run("zns", "offline", img, "-a").out());
        assertEquals("all zones: EMPTY 3, OFFLINE 1\n", Cli.run("zns", "reset", img, "--all").out());
    }

    @Test
    void deviceErrorsAreOneLineWithTheNvmeStatusAndItsCode() throws IOException {
        Path a = file("a", 4096, 1);
        Cli w = Cli.run("zns", "write", img, "--lba", "5", "--input", a.toString());
        assertEquals(1, w.exit());
        assertEquals("opencsd: Zone Invalid Write (0x1bc): write at LBA 0x5 is not at the write pointer 0x0 of zone 0 "
                + "[status 0x41bc]", w.errorLine());
        assertTrue(Cli.run("zns", "close", img, "--zone", "0").errorLine()
                .startsWith("opencsd: Invalid Zone State Transition (0x1bf): cannot close zone 0 in state EMPTY"));
        assertTrue(Cli.run("zns", "open", img, "--zone", "9").errorLine().startsWith("opencsd: LBA Out of Range (0x80)"));
        assertTrue(Cli.run("zns", "append", img, "--zone", "0", "--input", file("big", 20000, 1).toString())
                .errorLine().startsWith("opencsd: Invalid Field in Command (0x2): append of 20480 bytes exceeds ZASL"));
        assertTrue(Cli.run("zns", "read", img, "--lba", "15", "--blocks", "2", "--output", dir.resolve("o").toString())
                .errorLine().startsWith("opencsd: Zoned Boundary Error (0x1b8)"));
        assertTrue(Cli.run("zns", "read", img, "--lba", "64", "--blocks", "1", "--output", dir.resolve("o").toString())
                .errorLine().startsWith("opencsd: LBA Out of Range (0x80)"));
    }

    @Test
    void aSecondWriterIsRefusedWhileReadersShare() throws IOException {
        try (ZonedDevice held = ZonedDevices.open(Path.of(img))) {
            Cli c = Cli.run("zns", "reset", img, "--all");
            assertEquals("opencsd: image " + img + " is in use by process " + ProcessHandle.current().pid(), c.errorLine());
            assertEquals(0, Cli.run("zns", "report-zones", img).exit());
            assertEquals(0, Cli.run("zns", "info", img).exit());
            assertFalse(held.isReadOnly());
        }
    }

    @Test
    void badImagesAndBadGeometryGiveOneLineAndChangeNothing() throws IOException {
        Path foreign = file("foreign.img", 8192, 3);
        byte[] before = Files.readAllBytes(foreign);
        for (List<String> cmd : List.of(List.of("info"), List.of("report-zones"), List.of("reset", "--all"),
                List.of("power-cycle"))) {
            String[] args = new String[cmd.size() + 2];
            args[0] = "zns";
            args[1] = cmd.getFirst();
            args[2] = foreign.toString();
            for (int i = 1; i < cmd.size(); i++) args[2 + i] = cmd.get(i);
            assertEquals("opencsd: image " + foreign + " is not a zoned device image (foreign magic)",
                    Cli.run(args).errorLine());
        }
        assertArrayEquals(before, Files.readAllBytes(foreign));
        assertEquals("opencsd: no such file: " + dir.resolve("none.img"), Cli.run("zns", "info", dir.resolve("none.img").toString()).errorLine());
        String bad = dir.resolve("bad.img").toString();
        Cli c = Cli.run("zns", "create", bad, "--zones", "4", "--zone-size", "64K", "--zone-capacity", "128K");
        assertEquals(2, c.exit());
        assertEquals("opencsd: invalid geometry: the zone capacity (32 LBAs) exceeds the zone size (16 LBAs)", c.errorLine());
        assertTrue(Cli.run("zns", "create", bad, "--zones", "0", "--zone-size", "64K").errorLine().contains("zone count"));
        assertTrue(Cli.run("zns", "create", bad, "--zones", "2", "--zone-size", "64K", "--lba-size", "1000")
                .errorLine().contains("power of two"));
        assertFalse(Files.exists(Path.of(bad)));
        assertEquals("opencsd: already exists: " + img, Cli.run("zns", "create", img, "--zones", "1", "--zone-size", "4K").errorLine());
    }

    @Test
    void everySubcommandHasHelpWithAnExample() {
        for (String sub : List.of("create", "info", "report-zones", "open", "close", "finish", "reset", "offline",
                "write", "append", "read", "power-cycle", "fault", "set-extension")) {
            Cli c = Cli.run("zns", sub, "--help");
            assertEquals(0, c.exit(), sub);
            assertTrue(c.out().contains("Example"), sub + ": " + c.out());
            assertTrue(c.out().contains("opencsd zns " + sub), sub + ": " + c.out());
        }
    }

    @Test
    void sizesAcceptBinarySuffixes() {
        assertEquals(4096, SizeConverter.parse("4K"));
        assertEquals(64L << 20, SizeConverter.parse("64M"));
        assertEquals(2L << 30, SizeConverter.parse("2g"));
        assertEquals(512, SizeConverter.parse("512"));
        assertEquals(1L << 20, SizeConverter.parse("1MiB"));
        assertTrue(Cli.run("zns", "create", "x.img", "--zones", "1", "--zone-size", "12Q").errorLine()
                .contains("'12Q' is not a size"));
    }
}
