package org.opencsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.fuse.FuseSession;
import org.opencsd.fuse.MountTable;

/**
 * {@code opencsd mount} as a user runs it, in separate JVMs: background mount then
 * {@code fusermount3 -u} (committed, fsck clean, data there on the next mount); foreground mount
 * killed with SIGKILL, then a new mount recovers the fsynced data; SIGTERM unmounts cleanly.
 */
class MountCommandTest {
    @TempDir Path dir;
    Path image;
    Path mnt;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void image() throws Exception {
        assumeTrue(FuseSession.libraryAvailable(), "libfuse3 not installed (make setup)");
        assumeTrue(Files.isWritable(Path.of("/dev/fuse")), "/dev/fuse missing or not writable");
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "mount tests need root");
        image = dir.resolve("dev.img");
        mnt = Files.createDirectories(dir.resolve("mnt"));
        assertEquals(0, cli("zns", "create", image.toString(), "--zones", "16", "--zone-size", "16M").waitFor());
        assertEquals(0, cli("mkfs", image.toString()).waitFor());
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (MountTable.isMounted(mnt)) new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
        // the background daemon is not our child: end it through its mount (done above) and wait
        for (int i = 0; i < 100 && daemonAlive(); i++) Thread.sleep(100);
    }

    private boolean daemonAlive() {
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().map(c -> c.contains(image.toString()) && c.contains(" mount ")).orElse(false));
    }

    private Process cli(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("cli-" + started.size() + ".log").toFile()).start();
        started.add(p);
        return p;
    }

    private String sh(String script) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", script).directory(mnt.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), script + ":\n" + out);
        return out;
    }

    private void awaitMounted(Process p) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (MountTable.isMounted(mnt) && Files.exists(mnt.resolve("."))) {
                try (var s = Files.list(mnt)) {
                    s.count();
                    return;
                } catch (IOException notYet) {
                    // stale mount of a killed daemon, being replaced
                }
            }
            assertTrue(p.isAlive() || p.exitValue() == 0, "mount exited with " + (p.isAlive() ? "" : p.exitValue()));
            Thread.sleep(50);
        }
        throw new AssertionError("not mounted after 30 s");
    }

    private void fsckClean() throws Exception {
        Process fsck = cli("fsck", image.toString());
        assertEquals(0, fsck.waitFor(), () -> "fsck: " + read(dir.resolve("cli-" + (started.size() - 1) + ".log")));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void backgroundMountEndsWithFusermountAndCommits() throws Exception {
        Path log = dir.resolve("daemon.log");
        Process starter = cli("mount", "-v", image.toString(), mnt.toString(), "--log", log.toString());
        assertEquals(0, starter.waitFor(), () -> read(dir.resolve("cli-2.log")));
        assertTrue(MountTable.isMounted(mnt));
        sh("mkdir d && seq 1 20000 > d/numbers && echo kept > d/small");
        assertEquals(0, new ProcessBuilder("fusermount3", "-u", mnt.toString()).start().waitFor());
        for (int i = 0; i < 200 && !read(log).contains("committed"); i++) Thread.sleep(100);
        assertTrue(read(log).contains("committed"), read(log));
        assertFalse(MountTable.isMounted(mnt));
        fsckClean();
        Process fg = cli("mount", "-f", image.toString(), mnt.toString());
        awaitMounted(fg);
        assertEquals("kept\n", sh("cat d/small"));
        assertEquals("20000\n", sh("wc -l < d/numbers"));
        fg.destroy();  // SIGTERM: clean unmount
        assertTrue(fg.waitFor(30, TimeUnit.SECONDS));
        assertFalse(MountTable.isMounted(mnt));
        fsckClean();
    }

    @Test
    void killMinusNineThenRemountRecoversFsyncedData() throws Exception {
        Process first = cli("mount", "-f", image.toString(), mnt.toString());
        awaitMounted(first);
        sh("python3 -c \"import os; fd = os.open('synced', os.O_CREAT | os.O_WRONLY); "
                + "os.write(fd, b'x' * 300000); os.fsync(fd); os.close(fd)\" && mkdir dir && sync dir");
        first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);  // SIGKILL: no unmount, no commit
        Process second = cli("mount", "-f", image.toString(), mnt.toString());
        awaitMounted(second);
        assertEquals("300000\n", sh("wc -c < synced"));
        assertEquals("1\n", sh("tr -d x < synced | wc -c | tr -d ' ' | sed 's/^0$/1/'"));
        sh("test -d dir");
        second.destroy();
        assertTrue(second.waitFor(30, TimeUnit.SECONDS));
        assertEquals(128 + 15, second.exitValue(), read(dir.resolve("cli-3.log")));  // the JVM's status after SIGTERM
        assertFalse(read(dir.resolve("cli-3.log")).contains("error"), read(dir.resolve("cli-3.log")));
        assertFalse(MountTable.isMounted(mnt));
        fsckClean();
    }

    @Test
    void exitWithUnmountsAndCommitsWhenThatProcessIsKilled() throws Exception {
        Process owner = new ProcessBuilder("sleep", "600").start();
        started.add(owner);
        Process fg = cli("mount", "-f", "-v", "--exit-with", Long.toString(owner.pid()), image.toString(), mnt.toString());
        awaitMounted(fg);
        sh("echo kept > small");
        owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);  // SIGKILL: no hook of the owner runs
        assertTrue(fg.waitFor(60, TimeUnit.SECONDS), "the mount did not end with its owner");
        String log = read(dir.resolve("cli-3.log"));
        assertEquals(0, fg.exitValue(), log);
        assertTrue(log.contains("process " + owner.pid() + " ended: unmounting"), log);
        assertFalse(MountTable.isMounted(mnt));
        fsckClean();
        Process again = cli("mount", "-f", image.toString(), mnt.toString());
        awaitMounted(again);
        assertEquals("kept\n", sh("cat small"));
    }

    @Test
    void exitWithAProcessThatDoesNotExistIsOneLine() throws Exception {
        Process fg = cli("mount", "-f", "--exit-with", "999999999", image.toString(), mnt.toString());
        assertTrue(fg.waitFor(30, TimeUnit.SECONDS));
        String log = read(dir.resolve("cli-2.log"));
        assertEquals(1, log.strip().lines().count(), log);
        assertTrue(log.contains("--exit-with 999999999: no such process"), log);
        assertFalse(MountTable.isMounted(mnt));
    }

    @Test
    void kernelSlotsBoundsTheAttachmentsAtOnce() throws Exception {
        assumeTrue(org.opencsd.csd.BundledKernels.find("passthrough").isPresent(), "kernels not compiled (clang missing)");
        Process fg = cli("mount", "-f", "--kernel-slots", "1", image.toString(), mnt.toString());
        awaitMounted(fg);
        Files.write(mnt.resolve("passthrough.o"), org.opencsd.csd.BundledKernels.get("passthrough"));
        sh("echo one > a && echo two > b && python3 -c \"\n"
                + "import errno, os\n"
                + "K = 'user.process.csd_read_stream'\n"
                + "fa, fb = os.open('a', os.O_RDONLY), os.open('b', os.O_RDONLY)\n"
                + "os.setxattr('a', K, b'passthrough.o')\n"
                + "try:\n"
                + "    os.setxattr('b', K, b'passthrough.o'); raise SystemExit('second attachment accepted')\n"
                + "except OSError as e:\n"
                + "    assert e.errno == errno.EBUSY, e\n"
                + "os.removexattr('a', K)\n"
                + "os.setxattr('b', K, b'passthrough.o')\n"
                + "\"");
        Process bad = cli("mount", "-f", "--kernel-slots", "0", image.toString(), dir.resolve("elsewhere").toString());
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        String log = read(dir.resolve("cli-3.log"));
        assertEquals("opencsd: --kernel-slots must be 1..4096: 0", log.strip(), log);
    }
}
