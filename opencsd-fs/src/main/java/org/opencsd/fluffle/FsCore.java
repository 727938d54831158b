package org.opencsd.fluffle;

import java.util.function.LongSupplier;
import org.opencsd.zns.ZonedDevice;

/**
 * The parts of a mounted file system, shared by its namespace and data paths. A value holder.
 *
 * <p>Not thread-safe by itself: {@link FluffleFs}'s lock guards every part but the device.
 */
record FsCore(ZonedDevice device, Superblock sb, MetaState state, MetadataLog log, ZoneAllocator alloc,
              GarbageCollector gc, Pins pins, LongSupplier clock) {
    /** A new transaction on this state and log. */
    Tx tx() {
        return new Tx(state, log);
    }

    /** The current time in nanoseconds since the epoch. */
    long now() {
        return clock.getAsLong();
    }

    /** The inode, ENOENT when there is none. */
    Inode inode(long ino) {
        Inode i = state.get(ino);
        if (i == null) throw new FsException(FsErrno.ENOENT, "no inode " + ino);
        return i;
    }

    /** The directory, ENOENT/ENOTDIR otherwise. */
    Inode directory(long ino) {
        Inode i = inode(ino);
        if (i.type != FileType.DIRECTORY) throw new FsException(FsErrno.ENOTDIR, "inode " + ino + " is not a directory");
        return i;
    }

    /** The regular file: EISDIR for a directory, EINVAL for anything else. */
    Inode regular(long ino) {
        Inode i = inode(ino);
        if (i.type == FileType.DIRECTORY) throw new FsException(FsErrno.EISDIR, "inode " + ino + " is a directory");
        if (i.type != FileType.REGULAR) throw new FsException(FsErrno.EINVAL, "inode " + ino + " is not a regular file");
        return i;
    }

    /** The record of {@code i}'s attributes with size, times and links as given. */
    static LogRecord.InodeAttrs with(Inode i, int nlink, long size, long mtime, long ctime) {
        return new LogRecord.InodeAttrs(i.ino, i.type, i.mode, i.uid, i.gid, nlink, size, i.atime, mtime, ctime,
                i.parent, i.symlinkTarget);
    }
}
