package org.opencsd.fluffle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencsd.fluffle.LogRecord.DirentAdd;
import org.opencsd.fluffle.LogRecord.DirentRemove;
import org.opencsd.fluffle.LogRecord.InodeAttrs;
import org.opencsd.fluffle.LogRecord.InodeFree;

/**
 * Namespace operations on inodes: lookup, create, mkdir, symlink, link, unlink, rmdir, rename,
 * readdir, and the attribute and xattr changes. Each checks every error case first (in the order
 * Linux reports them), then records its changes in one {@link Tx}.
 *
 * <p>Not thread-safe: lookups run under the file system's read lock, the rest under its write lock.
 */
final class Namespace {
    private static final int S_ISUID = 04000, S_ISGID = 02000, S_IXGRP = 00010;
    private final FsCore core;

    Namespace(FsCore core) {
        this.core = core;
    }

    /** The inode {@code name} names in {@code parent} ("." and ".." included). */
    Inode lookup(long parent, String name) {
        Inode dir = core.directory(parent);
        if (name.equals(".")) return dir;
        if (name.equals("..")) return core.inode(dir.parent);
        Names.check(name);
        Long ino = dir.entries.get(name);
        if (ino == null) throw new FsException(FsErrno.ENOENT, "no entry '" + name + "' in directory " + parent);
        return core.inode(ino);
    }

    /** Creates a file, directory or symlink named {@code name} in {@code parent}. */
    Inode create(long parent, String name, FileType type, int mode, Credentials who, String target) {
        Inode dir = core.directory(parent);
        if (Names.isDot(name)) throw new FsException(FsErrno.EEXIST, "'" + name + "' exists");
        Names.check(name);
        if (dir.entries.containsKey(name)) throw new FsException(FsErrno.EEXIST, "'" + name + "' exists");
        if (type == FileType.SYMLINK) {
            if (target.isEmpty()) throw new FsException(FsErrno.ENOENT, "empty symlink target");
            if (target.getBytes(StandardCharsets.UTF_8).length > Names.PATH_MAX) {
                throw new FsException(FsErrno.ENAMETOOLONG, "symlink target longer than " + Names.PATH_MAX);
            }
        }
        long ino = core.state().nextIno();
        long now = core.now();
        boolean isDir = type == FileType.DIRECTORY;
        long size = type == FileType.SYMLINK ? target.getBytes(StandardCharsets.UTF_8).length : 0;
        Tx tx = core.tx();
        tx.add(new LogRecord.NextIno(ino + 1));
        tx.add(new InodeAttrs(ino, type, mode & 07777, who.uid(), who.gid(), isDir ? 2 : 1, size, now, now, now,
                isDir ? parent : 0, type == FileType.SYMLINK ? target : ""));
        tx.add(new DirentAdd(parent, name, ino));
        tx.add(FsCore.with(dir, dir.nlink + (isDir ? 1 : 0), dir.size, now, now));
        tx.commit();
        return core.inode(ino);
    }

    /** A new hard link {@code newName} in {@code newParent} to {@code ino}. */
    Inode link(long ino, long newParent, String newName) {
        Inode target = core.inode(ino);
        Inode dir = core.directory(newParent);
        if (Names.isDot(newName)) throw new FsException(FsErrno.EEXIST, "'" + newName + "' exists");
        Names.check(newName);
        if (dir.entries.containsKey(newName)) throw new FsException(FsErrno.EEXIST, "'" + newName + "' exists");
        if (target.type == FileType.DIRECTORY) throw new FsException(FsErrno.EPERM, "hard link to a directory");
        if (target.nlink == 0) throw new FsException(FsErrno.ENOENT, "inode " + ino + " was unlinked");
        long now = core.now();
        Tx tx = core.tx();
        tx.add(new DirentAdd(newParent, newName, ino));
        tx.add(FsCore.with(target, target.nlink + 1, target.size, target.mtime, now));
        tx.add(FsCore.with(dir, dir.nlink, dir.size, now, now));
        tx.commit();
        return target;
    }

    /** Removes a non-directory entry; the inode goes when its last link and last handle are gone. */
    void unlink(long parent, String name) {
        Inode dir = core.directory(parent);
        if (Names.isDot(name)) throw new FsException(FsErrno.EISDIR, "'" + name + "' is a directory");
        Inode victim = lookup(parent, name);
        if (victim.type == FileType.DIRECTORY) throw new FsException(FsErrno.EISDIR, "'" + name + "' is a directory");
        long now = core.now();
        Tx tx = core.tx();
        tx.add(new DirentRemove(parent, name));
        dropLink(tx, victim, now);
        tx.add(FsCore.with(dir, dir.nlink, dir.size, now, now));
        tx.commit();
    }

    /** Removes an empty directory. */
    void rmdir(long parent, String name) {
        Inode dir = core.directory(parent);
        if (name.equals(".")) throw new FsException(FsErrno.EINVAL, "rmdir of '.'");
        if (name.equals("..")) throw new FsException(FsErrno.ENOTEMPTY, "rmdir of '..'");
        Inode victim = lookup(parent, name);
        if (victim.type != FileType.DIRECTORY) throw new FsException(FsErrno.ENOTDIR, "'" + name + "' is not a directory");
        if (!victim.entries.isEmpty()) throw new FsException(FsErrno.ENOTEMPTY, "'" + name + "' is not empty");
        long now = core.now();
        Tx tx = core.tx();
        tx.add(new DirentRemove(parent, name));
        tx.add(new InodeFree(victim.ino));
        tx.add(FsCore.with(dir, dir.nlink - 1, dir.size, now, now));
        tx.commit();
    }

    private void dropLink(Tx tx, Inode victim, long now) {
        if (victim.nlink == 1 && victim.openCount == 0) {
            tx.add(new InodeFree(victim.ino));
        } else {
            tx.add(FsCore.with(victim, victim.nlink - 1, victim.size, victim.mtime, now));
        }
    }

    /** Renames atomically, replacing a compatible target (see {@code docs/fluffle.md} for the rules). */
    void rename(long oldParent, String oldName, long newParent, String newName) {
        Inode from = core.directory(oldParent);
        Inode to = core.directory(newParent);
        if (Names.isDot(oldName) || Names.isDot(newName)) throw new FsException(FsErrno.EBUSY, "rename of '.' or '..'");
        Inode src = lookup(oldParent, oldName);
        Names.check(newName);
        Long existing = to.entries.get(newName);
        Inode dst = existing == null ? null : core.inode(existing);
        if (src.type == FileType.DIRECTORY && isAncestorOrSelf(src.ino, newParent)) {
            throw new FsException(FsErrno.EINVAL, "cannot move a directory into itself");
        }
        if (dst != null && dst.type == FileType.DIRECTORY && isAncestorOrSelf(dst.ino, oldParent)) {
            throw new FsException(FsErrno.ENOTEMPTY, "target is an ancestor of the source");
        }
        if (dst == src) return;
        if (dst != null) {
            if (src.type == FileType.DIRECTORY && dst.type != FileType.DIRECTORY) throw new FsException(FsErrno.ENOTDIR, "target is not a directory");
            if (src.type != FileType.DIRECTORY && dst.type == FileType.DIRECTORY) throw new FsException(FsErrno.EISDIR, "target is a directory");
            if (dst.type == FileType.DIRECTORY && !dst.entries.isEmpty()) throw new FsException(FsErrno.ENOTEMPTY, "target directory is not empty");
        }
        long now = core.now();
        boolean dirMove = src.type == FileType.DIRECTORY && oldParent != newParent;
        int oldDelta = dirMove ? -1 : 0;
        int newDelta = (dirMove ? 1 : 0) - (dst != null && dst.type == FileType.DIRECTORY ? 1 : 0);
        Tx tx = core.tx();
        tx.add(new DirentRemove(oldParent, oldName));
        if (dst != null) {
            tx.add(new DirentRemove(newParent, newName));
            if (dst.type == FileType.DIRECTORY) tx.add(new InodeFree(dst.ino));
            else dropLink(tx, dst, now);
        }
        tx.add(new DirentAdd(newParent, newName, src.ino));
        tx.add(new InodeAttrs(src.ino, src.type, src.mode, src.uid, src.gid, src.nlink, src.size, src.atime,
                src.mtime, now, src.type == FileType.DIRECTORY ? newParent : src.parent, src.symlinkTarget));
        if (oldParent == newParent) {
            tx.add(FsCore.with(from, from.nlink + oldDelta + newDelta, from.size, now, now));
        } else {
            tx.add(FsCore.with(from, from.nlink + oldDelta, from.size, now, now));
            tx.add(FsCore.with(to, to.nlink + newDelta, to.size, now, now));
        }
        tx.commit();
    }

    /**
     * renameat2's RENAME_EXCHANGE: both names must exist (ENOENT) and swap their inodes
     * atomically, of any types; a directory may not end up inside itself (EINVAL). The parents'
     * link counts follow the directories that changed parent.
     */
    void exchange(long oldParent, String oldName, long newParent, String newName) {
        Inode from = core.directory(oldParent);
        Inode to = core.directory(newParent);
        if (Names.isDot(oldName) || Names.isDot(newName)) throw new FsException(FsErrno.EBUSY, "exchange of '.' or '..'");
        Inode a = lookup(oldParent, oldName);
        Inode b = lookup(newParent, newName);
        if (a == b) return;
        if (a.type == FileType.DIRECTORY && isAncestorOrSelf(a.ino, newParent)
                || b.type == FileType.DIRECTORY && isAncestorOrSelf(b.ino, oldParent)) {
            throw new FsException(FsErrno.EINVAL, "cannot move a directory into itself");
        }
        long now = core.now();
        boolean moved = oldParent != newParent;
        int fromDelta = moved ? dirCount(b) - dirCount(a) : 0;
        Tx tx = core.tx();
        tx.add(new DirentRemove(oldParent, oldName));
        tx.add(new DirentRemove(newParent, newName));
        tx.add(new DirentAdd(oldParent, oldName, b.ino));
        tx.add(new DirentAdd(newParent, newName, a.ino));
        tx.add(movedTo(a, newParent, now));
        tx.add(movedTo(b, oldParent, now));
        if (moved) {
            tx.add(FsCore.with(from, from.nlink + fromDelta, from.size, now, now));
            tx.add(FsCore.with(to, to.nlink - fromDelta, to.size, now, now));
        } else {
            tx.add(FsCore.with(from, from.nlink, from.size, now, now));
        }
        tx.commit();
    }

    private static int dirCount(Inode i) {
        return i.type == FileType.DIRECTORY ? 1 : 0;
    }

    /** {@code i}'s attributes with a new ctime and, for a directory, its new parent. */
    private static InodeAttrs movedTo(Inode i, long parent, long now) {
        return new InodeAttrs(i.ino, i.type, i.mode, i.uid, i.gid, i.nlink, i.size, i.atime, i.mtime, now,
                i.type == FileType.DIRECTORY ? parent : i.parent, i.symlinkTarget);
    }

    /** Whether {@code dir} is {@code ino} or lies below it. */
    private boolean isAncestorOrSelf(long ino, long dir) {
        long d = dir;
        while (true) {
            if (d == ino) return true;
            if (d == MetaState.ROOT) return false;
            d = core.inode(d).parent;
        }
    }

    /** Entries of a directory: ".", "..", then the names in order. */
    List<DirEntry> readdir(long ino) {
        Inode dir = core.directory(ino);
        List<DirEntry> out = new ArrayList<>(dir.entries.size() + 2);
        out.add(new DirEntry(".", dir.ino, FileType.DIRECTORY));
        out.add(new DirEntry("..", dir.parent, FileType.DIRECTORY));
        for (Map.Entry<String, Long> e : dir.entries.entrySet()) {
            out.add(new DirEntry(e.getKey(), e.getValue(), core.inode(e.getValue()).type));
        }
        return out;
    }

    /** Sets mode bits, owner and times; -1 leaves uid/gid unchanged, {@link FluffleFs#UTIME_OMIT} a time. */
    void setattr(long ino, int mode, int uid, int gid, long atime, long mtime) {
        Inode i = core.inode(ino);
        long now = core.now();
        long a = atime == FluffleFs.UTIME_OMIT ? i.atime : atime == FluffleFs.UTIME_NOW ? now : atime;
        long m = mtime == FluffleFs.UTIME_OMIT ? i.mtime : mtime == FluffleFs.UTIME_NOW ? now : mtime;
        Tx tx = core.tx();
        tx.add(new InodeAttrs(i.ino, i.type, mode < 0 ? i.mode : mode & 07777, uid < 0 ? i.uid : uid,
                gid < 0 ? i.gid : gid, i.nlink, i.size, a, m, now, i.parent, i.symlinkTarget));
        tx.commit();
    }

    /**
     * Clears S_ISUID, and S_ISGID when group-executable, of a regular file; nothing otherwise.
     * Returns true when the mode changed (one log record), false when there was nothing to clear.
     */
    boolean killSetId(long ino) {
        Inode i = core.inode(ino);
        if (i.type != FileType.REGULAR) return false;
        int killed = i.mode & ~S_ISUID;
        if ((i.mode & S_IXGRP) != 0) killed &= ~S_ISGID;
        if (killed == i.mode) return false;
        setattr(ino, killed, -1, -1, FluffleFs.UTIME_OMIT, FluffleFs.UTIME_OMIT);
        return true;
    }

    /** setxattr with XATTR_CREATE / XATTR_REPLACE semantics. */
    void setxattr(long ino, String name, byte[] value, XattrMode mode) {
        Inode i = core.inode(ino);
        Names.checkXattr(name);
        if (value.length > Names.XATTR_SIZE_MAX) throw new FsException(FsErrno.E2BIG, "xattr value larger than " + Names.XATTR_SIZE_MAX);
        if (i.type == FileType.SYMLINK) throw new FsException(FsErrno.EPERM, "user xattrs on a symlink");
        boolean exists = i.xattrs.containsKey(name);
        if (mode == XattrMode.CREATE && exists) throw new FsException(FsErrno.EEXIST, "xattr " + name + " exists");
        if (mode == XattrMode.REPLACE && !exists) throw new FsException(FsErrno.ENODATA, "no xattr " + name);
        Tx tx = core.tx();
        tx.add(new LogRecord.XattrSet(ino, name, value.clone()));
        tx.add(FsCore.with(i, i.nlink, i.size, i.mtime, core.now()));
        tx.commit();
    }

    /** The value; ENODATA when unset. */
    byte[] getxattr(long ino, String name) {
        Inode i = core.inode(ino);
        Names.checkXattr(name);
        byte[] v = i.xattrs.get(name);
        if (v == null) throw new FsException(FsErrno.ENODATA, "no xattr " + name);
        return v.clone();
    }

    List<String> listxattr(long ino) {
        return new ArrayList<>(core.inode(ino).xattrs.keySet());
    }

    void removexattr(long ino, String name) {
        Inode i = core.inode(ino);
        Names.checkXattr(name);
        if (!i.xattrs.containsKey(name)) throw new FsException(FsErrno.ENODATA, "no xattr " + name);
        Tx tx = core.tx();
        tx.add(new LogRecord.XattrRemove(ino, name));
        tx.add(FsCore.with(i, i.nlink, i.size, i.mtime, core.now()));
        tx.commit();
    }
}
