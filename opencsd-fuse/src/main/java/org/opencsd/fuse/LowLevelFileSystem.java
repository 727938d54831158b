package org.opencsd.fuse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An inode-based filesystem served to the kernel by {@link FuseSession}: the Java face of
 * libfuse's {@code struct fuse_lowlevel_ops}. Inodes are {@code long} numbers; 1 is the root.
 *
 * <p><b>Results and errors.</b> Each method returns its result or throws. {@link ErrnoException}
 * gives the kernel that errno; other exceptions are mapped by {@link ErrnoMapping} (an unexpected
 * one becomes EIO and a log line). A method left at its default throws ENOSYS, which the kernel
 * treats as "not implemented" (for some operations it then stops asking, or falls back to a
 * generic implementation: flush, fsync, access, lseek, copy_file_range, fallocate...).
 *
 * <p><b>Lookup counts.</b> Every successful lookup, mknod, mkdir, symlink, link and create, and
 * every readdirplus entry other than "." and "..", counts one lookup of the returned inode. The
 * kernel returns them through {@link #forget}; an inode that is unlinked and whose lookup count
 * drops to zero (and that has no open handle) can be freed. At unmount the kernel may skip the
 * final forgets.
 *
 * <p><b>Names</b> are decoded from the kernel's bytes as strict UTF-8; a name that is not valid
 * UTF-8 is refused with EILSEQ by the binding before the filesystem sees it.
 *
 * <p><b>Thread-safety.</b> The session dispatches requests on several threads at once (libfuse's
 * multi-threaded loop; {@link MountOptions#maxIdleThreads()}), including requests on the same
 * inode and the same handle: implementations must be thread-safe. {@link #init} happens before
 * every other call and {@link #destroy} after all others have returned.
 *
 * <p><b>Buffers.</b> The {@link ByteBuffer}s passed to read and write are views of native memory
 * owned by the binding and valid only during the call: do not keep them.
 */
public interface LowLevelFileSystem {

    /**
     * True when this filesystem clears set-user-ID and set-group-ID itself, as a server that
     * negotiates {@code FUSE_HANDLE_KILLPRIV_V2} must; the session then negotiates it, and the
     * kernel stops asking for {@code security.capability} before every buffered write. The
     * duties, for a regular file (set-group-ID only when the group-execute bit is set):
     * <ul>
     *   <li>{@link #write}: clear both when the writer lacks CAP_FSETID (libfuse 3.14 does not
     *       pass the kernel's {@code FUSE_WRITE_KILL_SUIDGID}; {@code uid != 0} is the usual
     *       approximation);</li>
     *   <li>{@link #setattr}: clear both when {@link SetAttributes#killSuidGid()} is set (the
     *       kernel sets it for a truncate by a caller without CAP_FSETID and for every chown);</li>
     *   <li>{@link #open} and {@link #create} with {@link OpenFlags#truncate()} of an existing
     *       file: clear both when the caller lacks CAP_FSETID (libfuse 3.14 does not pass
     *       {@code FUSE_OPEN_KILL_SUIDGID} either);</li>
     *   <li>remove {@code security.capability} on write, truncate and chown, if it can be set.</li>
     * </ul>
     * Default false: the kernel keeps asking, and clears the bits with a setattr of its own.
     */
    default boolean handlesKillPrivV2() {
        return false;
    }

    /**
     * Called once when the kernel connection is set up, before any other operation.
     *
     * @param connection what the kernel and libfuse agreed on
     * @param kernelCache this session's kernel caches, for a filesystem that changes an inode's
     *     attributes on its own (see {@link KernelCache}); valid for the whole session, a no-op
     *     after it; may be kept and used from any thread
     */
    default void init(ConnectionInfo connection, KernelCache kernelCache) {}

    /**
     * Called once at unmount, after every other operation has returned (only if {@link #init}
     * was called: {@link FuseSession#mount} returns after init, so always for a mounted session).
     */
    default void destroy() {}

    /** Resolves {@code name} in directory {@code parent}; ENOENT if absent. Counts one lookup. */
    Entry lookup(Request request, long parent, String name) throws IOException;

    /** The kernel drops {@code nlookup} lookups of {@code ino}. Must not fail. */
    default void forget(long ino, long nlookup) {}

    /** The attributes of {@code ino}; {@code fh} is set when asked through an open file. */
    Attributes getattr(Request request, long ino, OptionalLong fh) throws IOException;

    /** Applies {@code changes} to {@code ino}; returns the attributes after the change. */
    default Attributes setattr(Request request, long ino, SetAttributes changes) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** The target of symbolic link {@code ino}. */
    default String readlink(Request request, long ino) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Creates a non-directory node (regular file, fifo, socket, device). Counts one lookup. */
    default Entry mknod(Request request, long parent, String name, int mode, long rdev) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Creates a directory; {@code mode} holds permission bits only. Counts one lookup. */
    default Entry mkdir(Request request, long parent, String name, int mode) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Removes a non-directory entry. */
    default void unlink(Request request, long parent, String name) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Removes an empty directory; ENOTEMPTY otherwise. */
    default void rmdir(Request request, long parent, String name) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Creates symbolic link {@code name} pointing at {@code target}. Counts one lookup. */
    default Entry symlink(Request request, String target, long parent, String name) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * Renames {@code parent/name} to {@code newParent/newName}, replacing a compatible target
     * atomically. EINVAL for a flag the filesystem does not support.
     */
    default void rename(Request request, long parent, String name, long newParent, String newName,
                        Set<RenameFlag> flags) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Creates hard link {@code newParent/newName} to {@code ino}. Counts one lookup. */
    default Entry link(Request request, long ino, long newParent, String newName) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Opens {@code ino}; must honour {@link OpenFlags#truncate()}. */
    default OpenResult open(Request request, long ino, OpenFlags flags) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * Reads from {@code offset} into {@code dst}, whose remaining space is the size asked for.
     * The reply is the bytes put into {@code dst} (its position when this returns). Fewer bytes
     * than asked means end of file, except on a direct-I/O handle, where the caller sees exactly
     * this count.
     */
    default void read(Request request, long ino, long fh, long offset, ByteBuffer dst) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * Writes {@code src} (read-only, all of its remaining bytes) at {@code offset}.
     *
     * @return the number of bytes written; fewer than asked only on a direct-I/O handle
     */
    default int write(Request request, long ino, long fh, long offset, ByteBuffer src) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Called at each {@code close(2)} of a descriptor of this open file (may be several). */
    default void flush(Request request, long ino, long fh, long lockOwner) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** The last descriptor of the open file is gone; errors are not seen by anyone. */
    default void release(Request request, long ino, long fh, OpenFlags flags) throws IOException {}

    /** Makes the file's data (and, unless {@code dataOnly}, its metadata) durable. */
    default void fsync(Request request, long ino, long fh, boolean dataOnly) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Opens directory {@code ino} for reading. */
    default OpenResult opendir(Request request, long ino, OpenFlags flags) throws IOException {
        return OpenResult.of(0);
    }

    /** Lists directory entries from {@code offset} (0: the start) into {@code filler}. */
    default void readdir(Request request, long ino, long fh, long offset, DirectoryFiller filler) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * Lists entries with attributes; used only when {@link MountOptions#readdirPlus()} is set.
     */
    default void readdirplus(Request request, long ino, long fh, long offset, DirectoryPlusFiller filler)
            throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** The directory handle is closed. */
    default void releasedir(Request request, long ino, long fh) throws IOException {}

    /** Makes the directory's contents durable. */
    default void fsyncdir(Request request, long ino, long fh, boolean dataOnly) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Statistics of the filesystem containing {@code ino}. */
    default StatFs statfs(Request request, long ino) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Sets extended attribute {@code name}; EEXIST/ENODATA per {@code mode}. */
    default void setxattr(Request request, long ino, String name, byte[] value, XattrSetMode mode)
            throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * The value of extended attribute {@code name}; ENODATA if absent. The binding answers size
     * probes and ERANGE itself.
     */
    default byte[] getxattr(Request request, long ino, String name) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** The names of the extended attributes of {@code ino} visible to {@code request}'s caller. */
    default List<String> listxattr(Request request, long ino) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Removes extended attribute {@code name}; ENODATA if absent. */
    default void removexattr(Request request, long ino, String name) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * Checks {@code access(2)} permission bits {@code mask} (R_OK 4, W_OK 2, X_OK 1, F_OK 0).
     * Not called when the session mounts with {@link MountOptions#defaultPermissions()}.
     */
    default void access(Request request, long ino, int mask) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * Creates and opens regular file {@code name} (O_CREAT; the kernel has dealt with O_EXCL by a
     * lookup, but a racing create must still fail with EEXIST when {@code flags} has O_EXCL, 0200).
     * Counts one lookup.
     */
    default CreateResult create(Request request, long parent, String name, int mode, OpenFlags flags)
            throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** Allocates, punches or zeroes a range (see {@link FallocateFlag}). */
    default void fallocate(Request request, long ino, long fh, Set<FallocateFlag> mode, long offset, long length)
            throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /** SEEK_DATA/SEEK_HOLE: the resulting offset; ENXIO at or past end of file. */
    default long lseek(Request request, long ino, long fh, long offset, SeekWhence whence) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }

    /**
     * Copies {@code length} bytes between two open files inside the filesystem.
     *
     * @return bytes copied (0 at end of the source)
     */
    default long copyFileRange(Request request, long inIno, long inFh, long inOffset, long outIno, long outFh,
                               long outOffset, long length) throws IOException {
        throw new ErrnoException(Errno.ENOSYS);
    }
}
