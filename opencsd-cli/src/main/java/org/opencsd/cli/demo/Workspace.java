package org.opencsd.cli.demo;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.opencsd.fuse.MountTable;

/**
 * The demo's temporary folder and everything that must be undone: files open on the mount,
 * the mount's child process, the folder itself. {@link #close()} undoes them in that order
 * (close the files so that the unmount is not busy, unmount and wait for the commit, delete the
 * folder); a shutdown hook does the same on Ctrl-C, SIGTERM or any exit that skips it.
 *
 * <p>Thread-safe: the hook and the main thread may race; the clean-up runs once.
 */
final class Workspace implements AutoCloseable {
    private final Path dir;
    private final PrintStream err;
    private final List<Closeable> open = new ArrayList<>();
    private final Thread hook;
    private ChildMount mount;
    private boolean closed;
    private volatile boolean interrupted;

    private Workspace(Path dir, PrintStream err) {
        this.dir = dir;
        this.err = err;
        this.hook = Thread.ofPlatform().name("opencsd-demo-cleanup").unstarted(this::onShutdown);
    }

    /** Creates {@code parent/opencsd-demo-XXXX} and registers the shutdown hook. */
    static Workspace create(Path parent, PrintStream err) throws IOException {
        Files.createDirectories(parent);
        Workspace w = new Workspace(Files.createTempDirectory(parent, "opencsd-demo-"), err);
        Runtime.getRuntime().addShutdownHook(w.hook);
        return w;
    }

    /** The temporary folder. */
    Path dir() {
        return dir;
    }

    /** Remembers the running mount, unmounted at clean-up. */
    synchronized void mounted(ChildMount m) {
        mount = m;
    }

    /** Registers a file open on the mount, closed first at clean-up; returns it. */
    synchronized <T extends Closeable> T track(T c) {
        if (closed) {
            closeQuietly(c);
            throw new IllegalStateException("the demo is being cleaned up");
        }
        open.add(c);
        return c;
    }

    /** Forgets a file the caller closed. */
    synchronized void untrack(Closeable c) {
        open.remove(c);
        notifyAll();
    }

    /**
     * Called between two operations on the mount: throws once Ctrl-C (or SIGTERM) has started the
     * clean-up, so that the main thread closes its files itself and the unmount finds the mount idle.
     */
    void checkRunning() throws java.io.InterruptedIOException {
        if (interrupted) throw new java.io.InterruptedIOException("demo interrupted");
    }

    /** Waits up to {@code millis} for the main thread to close every tracked file. */
    private synchronized void awaitFilesClosed(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (long left = millis; !open.isEmpty() && left > 0; left = end - System.currentTimeMillis()) wait(left);
    }

    /**
     * Unmounts now (closing tracked files first) and returns whether the child committed and
     * exited cleanly; the folder stays until {@link #close()}.
     */
    synchronized boolean unmount() throws InterruptedException {
        for (Closeable c : open) closeQuietly(c);
        open.clear();
        if (mount == null) return true;
        boolean ok = mount.unmount();
        mount = null;
        return ok;
    }

    /** Closes tracked files, unmounts, deletes the folder; idempotent. */
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
            awaitFilesClosed(5000);
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

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // best effort while cleaning up
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
