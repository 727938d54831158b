package org.opencsd.fluffle;

import java.util.TreeMap;

/**
 * An inode in memory: attributes, and by type its block map (regular files), entries
 * (directories, without "." and "..") or target (symbolic links); extended attributes.
 * {@code openCount} is not persisted: it counts open handles, so an unlinked file lives until
 * its last close.
 *
 * <p>Not thread-safe: the file system's lock guards it.
 */
final class Inode {
    final long ino;
    final FileType type;
    int mode;
    int uid;
    int gid;
    int nlink;
    long size;
    long atime;
    long mtime;
    long ctime;
    /** For directories: the parent directory (the root is its own parent). */
    long parent;
    String symlinkTarget = "";
    final ExtentMap extents;
    final TreeMap<String, Long> entries = new TreeMap<>();
    final TreeMap<String, byte[]> xattrs = new TreeMap<>();
    int openCount;

    Inode(long ino, FileType type, long zoneSize) {
        this.ino = ino;
        this.type = type;
        this.extents = new ExtentMap(zoneSize);
    }

    /** The record that recreates these attributes. */
    LogRecord.InodeAttrs attrsRecord() {
        return new LogRecord.InodeAttrs(ino, type, mode, uid, gid, nlink, size, atime, mtime, ctime,
                parent, symlinkTarget);
    }

    /** What stat reports. */
    Attr attr(int blockSize) {
        long blocks = extents.mappedBlocks() * (blockSize / 512);
        return new Attr(ino, type, mode, nlink, uid, gid, size, blocks, atime, mtime, ctime);
    }

    void setAttrs(LogRecord.InodeAttrs a) {
        mode = a.mode();
        uid = a.uid();
        gid = a.gid();
        nlink = a.nlink();
        size = a.size();
        atime = a.atime();
        mtime = a.mtime();
        ctime = a.ctime();
        parent = a.parent();
        symlinkTarget = a.symlinkTarget();
    }
}
