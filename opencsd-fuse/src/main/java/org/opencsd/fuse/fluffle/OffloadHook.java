package org.opencsd.fuse.fluffle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.opencsd.fuse.Errno;
import org.opencsd.fuse.ErrnoException;
import org.opencsd.fuse.OpenFlags;
import org.opencsd.fuse.OpenResult;
import org.opencsd.fuse.Request;
import org.opencsd.fuse.XattrSetMode;

/**
 * Where {@link FluffleFileSystem} hands per-process offload: the {@code user.process.csd_*}
 * attributes, the open flags of an offloading process's handles, and its reads and writes.
 * {@link #NONE} offloads nothing. Implementations must be thread-safe.
 */
public interface OffloadHook extends AutoCloseable {
    /** No offload: the attributes are ordinary ones and every handle is a plain one. */
    OffloadHook NONE = new OffloadHook() {};

    /** Whether {@code name} is an offload attribute this hook owns. */
    default boolean handles(String name) {
        return false;
    }

    /** A handle was opened; returns the open flags to reply (direct_io for offloaded handles). */
    default OpenResult opened(Request r, long ino, long fh, OpenFlags flags, OpenResult plain) {
        return plain;
    }

    /** Serves a read through a kernel; false when the read is a plain one. */
    default boolean read(Request r, long ino, long fh, long offset, ByteBuffer dst) throws IOException {
        return false;
    }

    /** The bytes to store for a write: {@code src} itself unless a write-stream kernel transforms them. */
    default ByteBuffer transformWrite(Request r, long ino, long fh, long offset, ByteBuffer src) throws IOException {
        return src;
    }

    /** A write of {@code n} bytes at {@code offset} completed (write events run here). */
    default void written(Request r, long ino, long fh, long offset, int n) throws IOException {}

    /** A handle is being released. */
    default void released(long ino, long fh) {}

    default void setxattr(Request r, long ino, String name, byte[] value, XattrSetMode mode) throws IOException {
        throw new ErrnoException(Errno.EOPNOTSUPP, name);
    }

    default byte[] getxattr(Request r, long ino, String name) throws IOException {
        throw new ErrnoException(Errno.ENODATA, name);
    }

    default void removexattr(Request r, long ino, String name) throws IOException {
        throw new ErrnoException(Errno.ENODATA, name);
    }

    /** The attribute names {@code r}'s process sees: {@code stored} plus its own attachments. */
    default List<String> listxattr(Request r, long ino, List<String> stored) {
        return stored;
    }

    /** The session ends; drop every attachment. */
    @Override
    default void close() {}
}
