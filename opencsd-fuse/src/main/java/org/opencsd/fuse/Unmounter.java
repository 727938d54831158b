package org.opencsd.fuse;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Detaches FUSE mounts without talking to their filesystem: {@code umount2(MNT_DETACH)} when the
 * process may (root), else {@code fusermount3 -u -z}. A lazy unmount removes the mount from the
 * namespace at once; the kernel ends the connection (and the session's loop returns) when the
 * last open file or working directory inside it is gone. Stateless; safe for any thread.
 */
final class Unmounter {
    private static final System.Logger LOG = Dispatcher.LOG;

    private Unmounter() {}

    /** Lazily unmounts {@code mountPoint}; true on success or when it is not mounted (any more). */
    static boolean lazy(Path mountPoint) {
        String path = mountPoint.toAbsolutePath().toString();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cPath = arena.allocateFrom(path);
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            if ((int) LibFuse.UMOUNT2.invokeExact(state, cPath, LibFuse.MNT_DETACH) == 0) return true;
            int errno = (int) LibFuse.ERRNO.get(state, 0L);
            if (errno == Errno.EINVAL.code() && !MountTable.isMounted(mountPoint)) return true;
            LOG.log(errno == Errno.EPERM.code() ? Level.DEBUG : Level.WARNING, "umount2 " + path + ": errno " + errno);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "umount2 " + path + ": " + t);
        }
        return fusermount(path);
    }

    private static boolean fusermount(String path) {
        try {
            Process p = new ProcessBuilder("fusermount3", "-u", "-z", path).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).trim();
            boolean done = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (!done) LOG.log(Level.WARNING, "fusermount3 -u -z " + path + " failed: " + output);
            return done;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "fusermount3 not runnable: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * If {@code mountPoint} holds a FUSE mount whose daemon is gone (its connection aborted:
     * every access fails with ENOTCONN, as after {@code kill -9}), unmounts it and returns true.
     * A live mount is left alone.
     */
    static boolean recoverStale(Path mountPoint) {
        boolean fuse = MountTable.find(mountPoint).map(m -> m.fsType().startsWith("fuse")).orElse(false);
        if (!fuse || !notConnected(mountPoint)) return false;
        LOG.log(Level.WARNING, "unmounting stale FUSE mount at " + mountPoint + " (its daemon is gone)");
        return lazy(mountPoint);
    }

    private static boolean notConnected(Path mountPoint) {
        try {
            Files.readAttributes(mountPoint, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return false;
        } catch (FileSystemException e) {
            return e.getReason() != null && e.getReason().contains("not connected");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
