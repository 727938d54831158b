package org.opencsd.cli.progress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.cli.Main;
import picocli.CommandLine;

/**
 * Progress bars: shown on standard error with --progress, absent when standard error is not a
 * terminal (as under the test runner) and with --json; the data moved is the same either way.
 */
class ProgressCliTest {
    @TempDir Path dir;

    private record Run(int exit, String out, String err, String stderrStream) {}

    private static synchronized Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(raw, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Main.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString(), raw.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void largeWriteAndReadShowABarOnlyWhenAsked() throws Exception {
        Path img = dir.resolve("dev.img");
        assertEquals(0, run("zns", "create", img.toString(), "--zones", "4", "--zone-size", "16M").exit());
        byte[] data = new byte[12 << 20];
        new Random(7).nextBytes(data);
        Path in = Files.write(dir.resolve("in.bin"), data);
        Run w = run("zns", "write", img.toString(), "--lba", "0", "--input", in.toString(), "--progress");
        assertEquals(0, w.exit(), w.err());
        assertEquals("wrote 3072 LBAs at LBA 0x0\n", w.out());
        assertTrue(w.stderrStream().contains("write 100%"), w.stderrStream());
        Path outFile = dir.resolve("out.bin");
        Run r = run("zns", "read", img.toString(), "--lba", "0", "--blocks", "3072", "--output", outFile.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.stderrStream(), "no bar when standard error is not a terminal");
        assertArrayEquals(data, Files.readAllBytes(outFile));
        Run fill = run("csd", "fill", img.toString(), "--zone", "1", "--progress");
        assertEquals(0, fill.exit(), fill.err());
        assertTrue(fill.stderrStream().contains("fill zone 1 100%"), fill.stderrStream());
    }

    @Test
    void fsckJsonNeverShowsABar() throws Exception {
        Path img = dir.resolve("fs.img");
        assertEquals(0, run("zns", "create", img.toString(), "--zones", "16", "--zone-size", "1M", "--max-active", "8").exit());
        assertEquals(0, run("mkfs", img.toString()).exit());
        Run j = run("fsck", img.toString(), "--json", "--progress");
        assertEquals(0, j.exit(), j.err());
        assertEquals("{\"image\":\"" + img + "\",\"clean\":true,\"inodes\":1,\"extents\":0,\"problems\":[],\"notes\":[]}\n", j.out());
        assertEquals("", j.stderrStream());
        Run t = run("fsck", img.toString(), "--progress");
        assertTrue(t.stderrStream().contains("fsck"), t.stderrStream());
    }
}
