package org.opencsd.cli.csd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.cli.Main;
import org.opencsd.csd.DemoData;
import picocli.CommandLine;

/** {@code csd fill|run|kernels} through the real command line, against host-side answers. */
class CsdCommandsTest {
    @TempDir Path dir;
    String image;

    record Out(int exit, String out, String err) {}

    static Out run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Out(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void image() {
        image = dir.resolve("dev.img").toString();
        assertEquals(0, run("zns", "create", image, "--zones", "4", "--zone-size", "1M").exit());
    }

    @Test
    void theZcsdDemoEndToEnd() {
        Out fill = run("csd", "fill", image, "--zone", "2", "--seed", "7");
        assertEquals(0, fill.exit(), fill.err());
        assertEquals("zone 2: 1048576 bytes (256 LBAs) of demo data, seed 7\n", fill.out());
        long expected = 0;
        ByteBuffer b = ByteBuffer.wrap(DemoData.bytes(7, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) if ((b.getInt() & 0xffffffffL) > DemoData.RAND_MAX / 2) expected++;
        for (String engine : new String[] {"interpreter", "jit", "auto"}) {
            Out r = run("csd", "run", image, "--program", "zcsd_demo", "--zone", "2", "--engine", engine);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("count above RAND_MAX/2: " + expected + "\n"), r.out());
            assertTrue(r.out().contains("read inside the device: 1048576 bytes (256 LBAs)"), r.out());
            assertTrue(r.out().contains("returned to the host: 8 bytes (131072x less than read)"), r.out());
        }
    }

    @Test
    void jsonOutputOfALbaRange() {
        run("csd", "fill", image, "--zone", "0", "--seed", "1");
        Out r = run("csd", "run", image, "--program", "sum_u64", "--lbas", "0-1", "--json");
        assertEquals(0, r.exit(), r.err());
        long sum = 0;
        ByteBuffer b = ByteBuffer.wrap(DemoData.bytes(1, 8192)).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) sum += b.getLong();
        assertTrue(r.out().contains("\"decoded\":{\"sum\":\"" + Long.toUnsignedString(sum) + "\"}"), r.out());
        assertTrue(r.out().contains("\"bytes_read\":8192,"), r.out());
        assertTrue(r.out().startsWith("{\"kernel\":\"sum_u64\",\"engine\":\"jit\""), r.out());
    }

    @Test
    void badInputIsOneLineAndANonZeroExit() {
        String[][] cases = {
                {"csd", "run", image, "--program", "nope", "--zone", "0"},
                {"csd", "run", image, "--program", "zcsd_demo", "--zone", "4"},
                {"csd", "run", image, "--program", "zcsd_demo", "--lbas", "5-2"},
                {"csd", "run", image, "--program", "zcsd_demo", "--lbas", "0-99999"},
                {"csd", "run", image, "--program", "zcsd_demo"},
                {"csd", "run", image, "--program", "zcsd_demo", "--zone", "0", "--lbas", "0-1"},
                {"csd", "run", image, "--program", image, "--zone", "0"},
                {"csd", "run", image, "--program", "passthrough", "--zone", "0", "--max-return", "1K"},
                {"csd", "fill", image, "--zone", "7"},
        };
        for (String[] c : cases) {
            if (c[c.length - 1].equals("1K")) run("csd", "fill", image, "--zone", "0");
            Out r = run(c);
            assertTrue(r.exit() != 0, String.join(" ", c));
            String[] lines = r.err().split("\n");
            assertEquals(1, lines.length, r.err());
            assertTrue(lines[0].startsWith("opencsd: "), lines[0]);
            assertTrue(!r.err().contains("\tat "), r.err());
        }
        run("csd", "fill", image, "--zone", "1");
        Out again = run("csd", "fill", image, "--zone", "1");
        assertEquals("opencsd: zone 1 is not empty (FULL); reset it first: opencsd zns reset " + image + " --zone 1\n", again.err());
    }

    @Test
    void kernelsListsTheBundledKernels() {
        Out r = run("csd", "kernels");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("zcsd_demo\n") && r.out().contains("byte_histogram\n"), r.out());
    }
}
