package org.opencsd.cli.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opencsd.cli.Main;
import org.opencsd.cli.UserError;
import org.opencsd.fuse.MountTable;

/**
 * {@code opencsd mount -f -v IMAGE MNT} run by the demo as a child JVM in its own session
 * ({@code setsid}: a Ctrl-C in the terminal reaches the demo only, which then unmounts in
 * order). The demo's JVM reads and attaches kernels through the mount as an ordinary process,
 * which is what per-process offload needs: the attachment belongs to the reading process, the
 * file system to the child. The child logs to {@code LOG}. It is started with
 * {@code --exit-with} the demo's pid, so it unmounts by itself when the demo is killed in a way
 * no hook sees ({@code kill -9}).
 *
 * <p>Thread-safe: {@link #unmount()} may be called from a shutdown hook while the main thread
 * still works; it is idempotent.
 */
final class ChildMount {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration COMMIT = Duration.ofSeconds(30);
    private final Path mountPoint;
    private final Path log;
    private final Process process;

    private ChildMount(Path mountPoint, Path log, Process process) {
        this.mountPoint = mountPoint;
        this.log = log;
        this.process = process;
    }

    /** Starts the mount; {@link #awaitMounted()} waits until it answers. */
    static ChildMount start(Path image, Path mountPoint, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "mount", "-f", "-v", "--exit-with=" + ProcessHandle.current().pid(), image.toString(), mountPoint.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new ChildMount(mountPoint, log, p);
    }

    /** Returns once the mount point answers; a failed start is a {@link UserError} with the log's last line. */
    void awaitMounted() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (MountTable.isMounted(mountPoint) && answers()) return;
            if (!process.isAlive()) break;
            Thread.sleep(50);
        }
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        throw new UserError("the mount did not start: " + (lines.isEmpty() ? "no log output" : lines.getLast()) + " (log " + log + ")");
    }

    private boolean answers() {
        try (var s = Files.list(mountPoint)) {
            s.findFirst();
            return true;
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The child's process id. */
    long pid() {
        return process.pid();
    }

    /**
     * Unmounts ({@code fusermount3 -u}; lazily with {@code -z} when the mount is busy; SIGTERM when
     * it is not mounted yet), then waits
     * for the child to commit the image and exit (SIGTERM, then SIGKILL, if it does not within
     * 30 s). Returns whether the child exited with status 0.
     */
    synchronized boolean unmount() throws InterruptedException {
        if (!MountTable.isMounted(mountPoint)) {
            process.destroy();  // still starting: SIGTERM ends it (its own hook unmounts if it got that far)
        } else if (fusermount("-u") != 0) {
            fusermount("-u", "-z");
        }
        if (!process.waitFor(COMMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (MountTable.isMounted(mountPoint)) fusermount("-u", "-z");
        return !process.isAlive() && process.exitValue() == 0;
    }

    private int fusermount(String... args) throws InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("fusermount3"));
        cmd.addAll(List.of(args));
        cmd.add(mountPoint.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
