package org.opencsd.fuse;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One inode of {@link MemoryFileSystem}. Not thread-safe: every access happens under the
 * filesystem's lock.
 */
abstract sealed class MemoryNode permits MemoryNode.File, MemoryNode.Directory, MemoryNode.Symlink, MemoryNode.Special {
    final long ino;
    int mode;
    int uid;
    int gid;
    long nlink = 1;
    Instant atime;
    Instant mtime;
    Instant ctime;
    long lookups;
    int openHandles;
    final Map<String, byte[]> xattrs = new HashMap<>();

    MemoryNode(long ino, int mode, int uid, int gid, Instant now) {
        this.ino = ino;
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
    }

    abstract long size();

    long rdev() {
        return 0;
    }

    Attributes attributes() {
        long size = size();
        return new Attributes(ino, mode, nlink, uid, gid, rdev(), size, (size + 511) / 512, 4096, atime, mtime, ctime);
    }

    /** A regular file; content in a growable array. */
    static final class File extends MemoryNode {
        private byte[] data = new byte[0];
        private int size;

        File(long ino, int mode, int uid, int gid, Instant now) {
            super(ino, mode, uid, gid, now);
        }

        @Override
        long size() {
            return size;
        }

        /** Copies bytes from {@code offset} into {@code dst} until it is full or the file ends. */
        void read(long offset, ByteBuffer dst) {
            if (offset >= size) return;
            dst.put(data, (int) offset, (int) Math.min(dst.remaining(), size - offset));
        }

        /** Writes all of {@code src} at {@code offset}; returns the count. */
        int write(long offset, ByteBuffer src) throws ErrnoException {
            int length = src.remaining();
            long end = offset + length;
            ensure(end);
            src.get(data, (int) offset, length);
            size = (int) Math.max(size, end);
            return length;
        }

        /** Sets the size; new bytes read as zero. */
        void truncate(long newSize) throws ErrnoException {
            if (newSize < size) {
                Arrays.fill(data, (int) newSize, size, (byte) 0);
            } else {
                ensure(newSize);
            }
            size = (int) newSize;
        }

        void zero(long offset, long length) {
            int from = (int) Math.min(offset, size);
            int to = (int) Math.min(offset + length, size);
            Arrays.fill(data, from, to, (byte) 0);
        }

        private void ensure(long capacity) throws ErrnoException {
            if (capacity > Integer.MAX_VALUE - 16) throw new ErrnoException(Errno.EFBIG);
            if (capacity <= data.length) return;
            data = Arrays.copyOf(data, (int) Math.max(capacity, Math.min(Integer.MAX_VALUE - 16, data.length * 2L)));
        }
    }

    /** A directory: names with stable readdir cookies (3, 4, ...; 1 and 2 are "." and ".."). */
    static final class Directory extends MemoryNode {
        long parent;
        final Map<String, Long> children = new HashMap<>();
        final Map<String, Long> cookieOf = new HashMap<>();
        final TreeMap<Long, String> byCookie = new TreeMap<>();
        private long nextCookie = 3;

        Directory(long ino, long parent, int mode, int uid, int gid, Instant now) {
            super(ino, mode, uid, gid, now);
            this.parent = parent;
            this.nlink = 2;
        }

        @Override
        long size() {
            return 4096;
        }

        void put(String name, long child) {
            Long old = children.put(name, child);
            if (old == null) {
                cookieOf.put(name, nextCookie);
                byCookie.put(nextCookie++, name);
            }
        }

        void remove(String name) {
            children.remove(name);
            Long cookie = cookieOf.remove(name);
            if (cookie != null) byCookie.remove(cookie);
        }
    }

    /** A symbolic link. */
    static final class Symlink extends MemoryNode {
        final String target;

        Symlink(long ino, String target, int uid, int gid, Instant now) {
            super(ino, FileMode.S_IFLNK | 0777, uid, gid, now);
            this.target = target;
        }

        @Override
        long size() {
            return target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
    }

    /** A fifo, socket or device node. */
    static final class Special extends MemoryNode {
        final long rdev;

        Special(long ino, int mode, long rdev, int uid, int gid, Instant now) {
            super(ino, mode, uid, gid, now);
            this.rdev = rdev;
        }

        @Override
        long size() {
            return 0;
        }

        @Override
        long rdev() {
            return rdev;
        }
    }
}
