package org.opencsd.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencsd.cli.Main;
import org.opencsd.csd.BundledKernels;
import org.opencsd.fuse.FuseSession;
import org.opencsd.fuse.MountTable;

/**
 * {@code opencsd demo} as a user runs it, in a separate JVM: a reduced run prints the table with
 * equal answers and the exact bytes each path moved, writes the zone map and leaves nothing
 * behind; a run interrupted with SIGINT while the data set is written, or while it is read,
 * unmounts, stops the mount's process and deletes its folder; after a {@code kill -9} of the
 * demo its mount ends by itself and the next demo deletes the folder.
 */
class DemoCommandTest {
    @TempDir Path dir;
    Path work;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void requirements() throws IOException {
        assumeTrue(FuseSession.libraryAvailable(), "libfuse3 not installed (make setup)");
        assumeTrue(Files.isWritable(Path.of("/dev/fuse")), "/dev/fuse missing or not writable");
        assumeTrue(Requirements.onPath("fusermount3") != null, "fusermount3 missing");
        assumeTrue(BundledKernels.find("byte_histogram").isPresent(), "kernels not compiled (clang missing)");
        work = Files.createDirectory(dir.resolve("work"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (MountTable.Mount m : MountTable.mounts()) {
            if (m.mountPoint().startsWith(dir)) new ProcessBuilder("fusermount3", "-u", "-z", m.mountPoint().toString()).start().waitFor();
        }
    }

    /** Starts {@code opencsd ARGS} with SIGINT at its default (a JVM started with it ignored would not run its hooks). */
    private Process demo(Path output, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo", "--work-dir", work.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(output.toFile()).redirectError(dir.resolve("stderr.log").toFile()).start();
        started.add(p);
        return p;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void assertNothingLeft() throws IOException {
        try (var s = Files.list(work)) {
            assertEquals(List.of(), s.toList(), "the demo's folder was not deleted");
        }
        assertTrue(MountTable.mounts().stream().noneMatch(m -> m.mountPoint().startsWith(dir)), "a mount is left under " + dir);
    }

    @Test
    void reducedRunPrintsEqualAnswersAndTheBytesMovedThenCleansUp() throws Exception {
        Path out = dir.resolve("out.txt");
        Path map = dir.resolve("zones.png");
        Process p = demo(out, "--data-size", "8M", "--zone-size", "4M", "--map", map.toString());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "demo still running");
        String text = read(out);
        assertEquals(0, p.exitValue(), text + read(dir.resolve("stderr.log")));
        assertTrue(text.contains("sizes: data set 8 MiB on FluffleFS (17 zones of 16 MiB), ZCSD zone 4 MiB"), text);
        // 8 MiB read whole vs 16 requests of 512 KiB answered with a 1 KiB histogram each
        String entropy = row(text, "read all \\(O_DIRECT\\), count");
        String offloaded = row(text, "offloaded byte_histogram");
        assertTrue(entropy.endsWith(" 8,388,608"), entropy);
        assertTrue(offloaded.endsWith(" 16,384"), offloaded);
        assertEquals(answer(entropy), answer(offloaded));
        // a 4 MiB zone of u32s read whole vs the 8-byte count
        String host = row(text, "host reads the zone");
        String device = row(text, "zcsd_demo on the device");
        assertTrue(host.endsWith(" 4,194,304"), host);
        assertTrue(device.endsWith(" 8"), device);
        assertEquals(answer(host), answer(device));
        assertEquals(Long.toString(expectedCount(4 << 20)), answer(host));
        assertEquals(2, text.split("ratio host / device +equal", -1).length - 1, text);
        assertTrue(text.contains("fsck: clean"), text);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(Files.readAllBytes(map), 4));
        assertNothingLeft();
    }

    private static String row(String text, String label) {
        Matcher m = Pattern.compile("(?m)^  " + label + " .*$").matcher(text);
        assertTrue(m.find(), "no row " + label + " in:\n" + text);
        return m.group().strip();
    }

    /** The answer column: the first token after the label's two-space gap. */
    private static String answer(String row) {
        return row.split(" {2,}")[1].split(" ")[0];
    }

    /** The count of u32 values above RAND_MAX/2 in the demo data, computed here. */
    private static long expectedCount(int bytes) {
        var b = java.nio.ByteBuffer.wrap(org.opencsd.csd.DemoData.bytes(ZcsdCount.SEED, bytes)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long n = 0;
        while (b.hasRemaining()) if (b.getInt() > org.opencsd.csd.DemoData.RAND_MAX / 2) n++;
        return n;
    }

    @ParameterizedTest(name = "Ctrl-C 300 ms after {0}")
    @ValueSource(strings = {"== 3. store", "== 4. entropy"})
    void ctrlCUnmountsStopsTheMountAndDeletesTheFolder(String step) throws Exception {
        Path out = dir.resolve("out.txt");
        Process p = demo(out, "--data-size", "512M", "--map", dir.resolve("never.png").toString());
        long mountPid = awaitMounted(p, out);
        assertTrue(ProcessHandle.of(mountPid).map(ProcessHandle::isAlive).orElse(false));
        awaitLine(p, out, step);
        Thread.sleep(300);  // into the data set's writes, or into reading it
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "demo did not stop after SIGINT");
        String err = read(dir.resolve("stderr.log"));
        assertEquals(130, p.exitValue(), read(out) + err);
        assertTrue(err.contains("demo interrupted: cleaned up"), err);
        assertFalse(read(out).contains("== 7."), "the demo finished before the signal:\n" + read(out));
        assertFalse(ProcessHandle.of(mountPid).map(ProcessHandle::isAlive).orElse(false), "the mount's process is still running");
        assertFalse(Files.exists(dir.resolve("never.png")));
        assertNothingLeft();
    }

    @Test
    void killMinusNineLeavesNoMountAndTheNextRunDeletesTheFolder() throws Exception {
        Path out = dir.resolve("out.txt");
        Process p = demo(out, "--data-size", "512M", "--map", dir.resolve("never.png").toString());
        long mountPid = awaitMounted(p, out);
        awaitLine(p, out, "== 3. store");
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);  // SIGKILL: none of the demo's hooks run
        ProcessHandle mount = ProcessHandle.of(mountPid).orElseThrow();
        mount.onExit().get(60, TimeUnit.SECONDS);
        assertTrue(MountTable.mounts().stream().noneMatch(m -> m.mountPoint().startsWith(dir)), "a mount is left under " + dir);
        List<Path> left;
        try (var s = Files.list(work)) {
            left = s.toList();
        }
        assertEquals(1, left.size(), left.toString());

        Process next = demo(dir.resolve("out2.txt"), "--data-size", "8M", "--zone-size", "4M", "--map", dir.resolve("z.png").toString());
        assertTrue(next.waitFor(5, TimeUnit.MINUTES), "demo still running");
        String err = read(dir.resolve("stderr.log"));
        assertEquals(0, next.exitValue(), read(dir.resolve("out2.txt")) + err);
        assertTrue(err.contains("deleted " + left.getFirst() + ", left by a demo that was killed"), err);
        assertNothingLeft();
    }

    private static void awaitLine(Process p, Path out, String start) throws Exception {
        for (int i = 0; i < 2400; i++) {
            if (read(out).lines().anyMatch(l -> l.startsWith(start))) return;
            assertTrue(p.isAlive(), "demo exited early:\n" + read(out));
            Thread.sleep(50);
        }
        throw new AssertionError("no line " + start + " after 120 s:\n" + read(out));
    }

    private static long awaitMounted(Process p, Path out) throws Exception {
        Pattern mounted = Pattern.compile("mounted at .* by process (\\d+)");
        for (int i = 0; i < 1200; i++) {
            Matcher m = mounted.matcher(read(out));
            if (m.find()) return Long.parseLong(m.group(1));
            assertTrue(p.isAlive(), "demo exited early:\n" + read(out));
            Thread.sleep(50);
        }
        throw new AssertionError("not mounted after 60 s:\n" + read(out));
    }
}
