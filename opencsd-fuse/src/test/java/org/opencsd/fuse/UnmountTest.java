package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ways a mount ends: {@code fusermount3 -u} from outside, SIGTERM to a JVM serving the mount
 * (its shutdown hook unmounts), and SIGKILL, after which the next mount at the same place
 * recovers the stale mount point.
 */
class UnmountTest {

    @Test
    void fusermountFromOutsideEndsTheSession(@TempDir Path tmp) throws Exception {
        MountedMemoryFs m = MountedMemoryFs.mount(tmp);
        try {
            Files.writeString(m.root.resolve("f"), "x");
            FuseTestSupport.Result r = FuseTestSupport.run(tmp, List.of("fusermount3", "-u", m.root.toString()));
            assertEquals(0, r.exit(), r.output());
            assertTrue(m.session.awaitTermination(Duration.ofSeconds(20)), "session ended");
            assertFalse(MountTable.isMounted(m.root));
            assertTrue(m.fs.destroyed(), "destroy delivered");
            assertEquals(0, m.session.loopResult());
        } finally {
            m.close();
        }
    }

    @Test
    void closeUnmountsAndIsIdempotent(@TempDir Path tmp) throws Exception {
        MountedMemoryFs m = MountedMemoryFs.mount(tmp);
        m.session.close();
        m.session.close();
        assertFalse(m.session.isRunning());
        assertFalse(MountTable.isMounted(m.root));
        assertTrue(m.fs.destroyed());
    }

    @Test
    void sigtermToTheServingJvmUnmountsCleanly(@TempDir Path tmp) throws Exception {
        FuseTestSupport.assumeFuseMountable();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Child child = Child.start(mnt);
        try {
            child.awaitLine("mounted " + mnt);
            Files.writeString(mnt.resolve("hello"), "from the test JVM");
            assertEquals("from the test JVM", Files.readString(mnt.resolve("hello")));
            // SIGTERM through the ProcessHandle: Process.destroy() would also close our end of its output
            assertTrue(child.process.toHandle().destroy(), "SIGTERM sent");
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS), "child JVM exited after SIGTERM");
            assertEquals(143, child.process.exitValue(), "exit status of a JVM ended by SIGTERM");
            child.awaitLine("destroyed");
            assertFalse(MountTable.isMounted(mnt), "mount gone after SIGTERM");
        } finally {
            child.kill(mnt);
        }
    }

    @Test
    void afterSigkillTheNextMountRecoversTheStaleMountPoint(@TempDir Path tmp) throws Exception {
        FuseTestSupport.assumeFuseMountable();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Child child = Child.start(mnt);
        try {
            child.awaitLine("mounted " + mnt);
            assertTrue(child.process.toHandle().destroyForcibly(), "SIGKILL sent");
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            assertTrue(MountTable.isMounted(mnt), "a killed daemon leaves its mount behind");
            FileSystemException stale = assertThrows(FileSystemException.class, () -> Files.readAttributes(mnt, "unix:mode"));
            assertTrue(stale.getMessage().contains("not connected"), stale.getMessage());
        } finally {
            child.kill(null);
        }
        MemoryFileSystem fs = new MemoryFileSystem();
        try (FuseSession again = FuseSession.mount(mnt, fs, MountOptions.defaults())) {
            Files.writeString(mnt.resolve("after"), "recovered");
            assertEquals("recovered", Files.readString(mnt.resolve("after")));
            assertEquals(1, MountTable.mounts().stream().filter(m -> m.mountPoint().equals(mnt)).count());
            assertTrue(again.isRunning());
        } finally {
            if (MountTable.isMounted(mnt)) new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
        }
        assertFalse(MountTable.isMounted(mnt));
    }

    /** A child JVM running {@link MemoryFsMain}, its output lines collected by a reader thread. */
    private record Child(Process process, BlockingQueue<String> lines, StringBuffer transcript) {
        static Child start(Path mnt) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    MemoryFsMain.class.getName(), mnt.toString(), "-f", "-v").redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            StringBuffer transcript = new StringBuffer();
            Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        transcript.append(line).append('\n');
                        lines.add(line);
                    }
                } catch (java.io.IOException closed) {
                    // the child is gone
                }
            });
            return new Child(p, lines, transcript);
        }

        void awaitLine(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (expected.equals(line)) return;
            }
            throw new AssertionError("child never printed '" + expected + "'; its output:\n" + transcript);
        }

        /** Ends the child if still alive and detaches a mount it left (test cleanup). */
        void kill(Path mnt) throws Exception {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            if (mnt != null && MountTable.isMounted(mnt)) {
                new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
            }
        }
    }
}
