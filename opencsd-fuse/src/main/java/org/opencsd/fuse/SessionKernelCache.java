package org.opencsd.fuse;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link KernelCache} of one libfuse session: {@code fuse_lowlevel_notify_inval_inode} with a
 * negative offset, the attributes-only form.
 *
 * <p><b>Why only attributes.</b> The kernel answers the notification synchronously, inside the
 * server's {@code write(2)} to {@code /dev/fuse} ({@code fuse_notify_inval_inode} then
 * {@code fuse_reverse_inval_inode}): it looks the inode up, bumps its attribute version (so a
 * getattr reply already in flight cannot bring the old attributes back) and marks the cached
 * attributes invalid. With {@code off >= 0} it would also invalidate the page-cache range, which
 * locks each page; a write request being served holds the locks of the pages it writes, so doing
 * that from a write handler could wait for the handler itself. The attributes-only form takes no
 * page or inode lock, so it is safe from any handler.
 *
 * <p><b>Lifetime.</b> Created unbound; {@link #bind} gives it the session after
 * {@code fuse_session_new}; {@link #close} (before {@code fuse_session_destroy}) ends it for good.
 * Unbound or closed, {@link #invalidateAttributes} does nothing and returns false, so it never
 * touches a freed session.
 *
 * <p>Thread-safe: notifications share a read lock (several may run at once); {@link #bind} and
 * {@link #close} take the write lock, so {@link #close} waits for notifications in progress, each
 * of which is one {@code writev} the kernel answers without waiting for the server.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
final class SessionKernelCache implements KernelCache {
    private static final System.Logger LOG = Dispatcher.LOG;
    /** -ENOENT: the kernel does not have the inode (never looked up, or forgotten). */
    private static final int NOT_CACHED = -Errno.ENOENT.code();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** The session while bound and open; NULL before {@link #bind} and after {@link #close}. Guarded by {@link #lock}. */
    private MemorySegment session = MemorySegment.NULL;
    private boolean closed;

    /** Starts notifying through {@code se}; does nothing once closed. */
    void bind(MemorySegment se) {
        lock.writeLock().lock();
        try {
            if (!closed) session = se;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stops for good, after the notifications in progress; later calls do nothing. Idempotent. */
    void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            session = MemorySegment.NULL;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean invalidateAttributes(long ino) {
        lock.readLock().lock();
        try {
            if (session.equals(MemorySegment.NULL)) return false;
            int rc = (int) LibFuse.NOTIFY_INVAL_INODE.invokeExact(session, ino, -1L, 0L);
            if (rc != 0 && rc != NOT_CACHED) LOG.log(Level.DEBUG, "fuse notify_inval_inode ino " + ino + ": errno " + -rc);
            return rc == 0;
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "fuse notify_inval_inode ino " + ino + " failed: " + t, t);
            return false;
        } finally {
            lock.readLock().unlock();
        }
    }
}
