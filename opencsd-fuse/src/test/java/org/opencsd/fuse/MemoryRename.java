package org.opencsd.fuse;

import java.time.Instant;
import java.util.Set;

/**
 * rename(2) / renameat2(2) for {@link MemoryFileSystem}: plain (replace a compatible target),
 * NOREPLACE and EXCHANGE. The caller holds the filesystem's lock; the VFS has already refused
 * moving a directory into its own subtree.
 */
final class MemoryRename {
    private MemoryRename() {}

    static void apply(MemoryFileSystem fs, MemoryNode.Directory from, String name, MemoryNode.Directory to,
                      String newName, Set<RenameFlag> flags) throws ErrnoException {
        Long srcIno = from.children.get(name);
        if (srcIno == null) throw new ErrnoException(Errno.ENOENT, name);
        MemoryNode src = fs.nodeLocked(srcIno);
        Long dstIno = to.children.get(newName);
        if (flags.contains(RenameFlag.EXCHANGE)) {
            if (dstIno == null) throw new ErrnoException(Errno.ENOENT, newName);
            exchange(fs, from, name, src, to, newName, fs.nodeLocked(dstIno));
            return;
        }
        if (dstIno != null) {
            if (flags.contains(RenameFlag.NOREPLACE)) throw new ErrnoException(Errno.EEXIST, newName);
            if (dstIno.equals(srcIno)) return;
            replace(fs, src, to, newName, fs.nodeLocked(dstIno));
        }
        move(from, name, src, to, newName);
    }

    private static void replace(MemoryFileSystem fs, MemoryNode src, MemoryNode.Directory to, String newName,
                                MemoryNode victim) throws ErrnoException {
        boolean srcDir = src instanceof MemoryNode.Directory;
        if (victim instanceof MemoryNode.Directory d) {
            if (!srcDir) throw new ErrnoException(Errno.EISDIR);
            if (!d.children.isEmpty()) throw new ErrnoException(Errno.ENOTEMPTY);
            to.nlink--;
            victim.nlink = 0;
        } else {
            if (srcDir) throw new ErrnoException(Errno.ENOTDIR);
            victim.nlink--;
        }
        to.remove(newName);
        victim.ctime = Instant.now();
        fs.freeIfUnused(victim);
    }

    private static void move(MemoryNode.Directory from, String name, MemoryNode src, MemoryNode.Directory to, String newName) {
        from.remove(name);
        to.put(newName, src.ino);
        if (src instanceof MemoryNode.Directory d && from != to) {
            d.parent = to.ino;
            from.nlink--;
            to.nlink++;
        }
        touch(from, to, src);
    }

    private static void exchange(MemoryFileSystem fs, MemoryNode.Directory from, String name, MemoryNode a,
                                 MemoryNode.Directory to, String newName, MemoryNode b) {
        from.children.put(name, b.ino);
        to.children.put(newName, a.ino);
        if (from != to) {
            if (a instanceof MemoryNode.Directory da) {
                da.parent = to.ino;
                from.nlink--;
                to.nlink++;
            }
            if (b instanceof MemoryNode.Directory db) {
                db.parent = from.ino;
                to.nlink--;
                from.nlink++;
            }
        }
        touch(from, to, a);
        b.ctime = a.ctime;
    }

    private static void touch(MemoryNode.Directory from, MemoryNode.Directory to, MemoryNode moved) {
        Instant now = Instant.now();
        from.mtime = from.ctime = to.mtime = to.ctime = moved.ctime = now;
    }
}
