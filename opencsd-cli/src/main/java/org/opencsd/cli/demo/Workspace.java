package org.opencsd.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.opencsd.fuse.MountTable;

/**
 * The demo's temporary folder and everything that must be undone: the mount's child process and
 * the folder itself. {@link #close()} unmounts, waits for the commit and deletes the folder; a
 * shutdown hook does the same on Ctrl-C, SIGTERM or any exit that skips it, after letting the
 * main thread's operations on the mount ({@link #onMount}) end, so that the unmount is not busy.
 *
 * <p>Thread-safe: the hook and the main thread may race; the clean-up runs once.
 */
final class Workspace implements AutoCloseable {
    private static final long DRAIN_MILLIS = 10_000;
    private static final String PREFIX = "opencsd-demo-";
    private final Path dir;
    private final PrintStream err;
    private final Thread hook;
    private ChildMount mount;
    private boolean closed;
    private int running;
    private volatile boolean interrupted;

    private Workspace(Path dir, PrintStream err) {
        this.dir = dir;
        this.err = err;
        this.hook = Thread.ofPlatform().name("opencsd-demo-cleanup").unstarted(this::onShutdown);
    }

    /**
     * Creates {@code parent/opencsd-demo-XXXX}, records this process as its owner and registers
     * the shutdown hook. First deletes the folders that earlier demos in {@code parent} left when
     * they were killed ({@code kill -9}: no hook ran): those whose recorded owner no longer runs
     * and that hold no mount (their mount ends by itself, see {@link ChildMount}).
     */
    static Workspace create(Path parent, PrintStream err) throws IOException {
        Path root = parent.toAbsolutePath().normalize();
        Files.createDirectories(root);
        removeLeftovers(root, err);
        Workspace w = new Workspace(Files.createTempDirectory(root, PREFIX), err);
        WorkspaceOwner.current().writeTo(w.dir);
        Runtime.getRuntime().addShutdownHook(w.hook);
        return w;
    }

    private static void removeLeftovers(Path root, PrintStream err) throws IOException {
        List<Path> left;
        try (var s = Files.list(root)) {
            left = s.filter(d -> d.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
                    .filter(d -> WorkspaceOwner.readFrom(d).filter(o -> !o.isRunning()).isPresent())
                    .filter(d -> MountTable.mounts().stream().noneMatch(m -> m.mountPoint().startsWith(d)))
                    .toList();
        }
        for (Path d : left) {
            deleteTree(d);
            err.println("deleted " + d + ", left by a demo that was killed");
        }
    }

    /** The temporary folder. */
    Path dir() {
        return dir;
    }

    /** Remembers the running mount, unmounted at clean-up. */
    synchronized void mounted(ChildMount m) {
        mount = m;
    }

    /** An operation on the mount. */
    @FunctionalInterface
    interface MountOperation<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code op}, which may open files on the mount and must close them before it returns,
     * and which should call {@link #checkRunning()} between its steps. Refused once Ctrl-C (or
     * SIGTERM) has started the clean-up; the clean-up waits for running operations (up to
     * {@value #DRAIN_MILLIS} ms) so that the unmount finds no open file and is not lazy.
     */
    <T> T onMount(MountOperation<T> op) throws IOException {
        synchronized (this) {
            checkRunning();
            if (closed) throw new java.io.InterruptedIOException("the demo is cleaned up");
            running++;
        }
        try {
            return op.run();
        } finally {
            synchronized (this) {
                running--;
                notifyAll();
            }
        }
    }

    /** Throws once Ctrl-C (or SIGTERM) has started the clean-up: long operations end early. */
    void checkRunning() throws java.io.InterruptedIOException {
        if (interrupted) throw new java.io.InterruptedIOException("demo interrupted");
    }

    /** Waits up to {@code millis} for running mount operations to end. */
    private synchronized void drain(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (long left = millis; running > 0 && left > 0; left = end - System.currentTimeMillis()) wait(left);
    }

    /**
     * Unmounts now and returns whether the child committed and
     * exited cleanly; the folder stays until {@link #close()}.
     */
    synchronized boolean unmount() throws InterruptedException {
        if (mount == null) return true;
        boolean ok = mount.unmount();
        mount = null;
        return ok;
    }

    /** Unmounts, deletes the folder, removes the shutdown hook; idempotent. */
    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs (and finds nothing left to do)
        }
    }

    /** Whether the shutdown hook (Ctrl-C, SIGTERM) has started the clean-up: the main thread's failures are then expected. */
    boolean interrupted() {
        return interrupted;
    }

    private void onShutdown() {
        interrupted = true;
        boolean first;
        synchronized (this) {
            first = !closed;
        }
        if (!first) return;
        err.println();
        err.println("demo interrupted: unmounting and deleting " + dir);
        try {
            drain(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cleanUp();
        err.println("demo interrupted: cleaned up");
    }

    private synchronized void cleanUp() {
        if (closed) return;
        try {
            unmount();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            deleteTree(dir);
        }
    }

    /** Deletes {@code root} and everything under it, not following links and not crossing into a mount left behind. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    return MountTable.isMounted(d.toAbsolutePath()) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("opencsd: could not delete " + root + ": " + e.getMessage());
        }
    }
}
