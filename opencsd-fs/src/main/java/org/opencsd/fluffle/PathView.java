package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A path-based convenience layer over {@link FluffleFs} (tests, tools): absolute paths with '/'
 * separators, symbolic links followed in every component but the last (and in the last one too
 * for {@link #stat} and {@link #resolve}), ELOOP after 40 links. Errors as the path-based system
 * calls report them (ENOENT, ENOTDIR for a path through a file, ENAMETOOLONG...).
 *
 * <p>Thread-safe as far as {@link FluffleFs} is: each call is a sequence of atomic operations.
 */
public final class PathView {
    private static final int MAX_LINKS = 40;
    private final FluffleFs fs;
    private final Credentials who;

    public PathView(FluffleFs fs, Credentials who) {
        this.fs = fs;
        this.who = who;
    }

    /** A parent directory and the last name of a path. */
    public record Parent(long dir, String name) {}

    /** The inode at {@code path}, following a final symlink. */
    public long resolve(String path) {
        return walk(path, true, 0);
    }

    /** The inode at {@code path}, not following a final symlink. */
    public long resolveNoFollow(String path) {
        return walk(path, false, 0);
    }

    /** The directory holding {@code path}'s last component, and that component. */
    public Parent parent(String path) {
        List<String> parts = split(path);
        if (parts.isEmpty()) return new Parent(FluffleFs.ROOT, ".");
        String last = parts.removeLast();
        long dir = FluffleFs.ROOT;
        dir = walkParts(dir, parts, 0);
        if (fs.getattr(dir).type() != FileType.DIRECTORY) throw new FsException(FsErrno.ENOTDIR, path);
        return new Parent(dir, last);
    }

    private long walk(String path, boolean followLast, int depth) {
        List<String> parts = split(path);
        if (parts.isEmpty()) return FluffleFs.ROOT;
        String last = parts.removeLast();
        long dir = walkParts(FluffleFs.ROOT, parts, depth);
        long ino = fs.lookup(dir, last).ino();
        return followLast ? follow(dir, ino, depth) : ino;
    }

    private long walkParts(long dir, List<String> parts, int depth) {
        for (String p : parts) {
            long ino = follow(dir, fs.lookup(dir, p).ino(), depth);
            if (fs.getattr(ino).type() != FileType.DIRECTORY) throw new FsException(FsErrno.ENOTDIR, "'" + p + "' is not a directory");
            dir = ino;
        }
        return dir;
    }

    private long follow(long dir, long ino, int depth) {
        if (fs.getattr(ino).type() != FileType.SYMLINK) return ino;
        if (depth >= MAX_LINKS) throw new FsException(FsErrno.ELOOP, "too many symbolic links");
        String target = fs.readlink(ino);
        if (target.startsWith("/")) return walk(target, true, depth + 1);
        List<String> parts = split(target);
        String last = parts.isEmpty() ? "." : parts.removeLast();
        long d = walkParts(dir, parts, depth + 1);
        return follow(d, fs.lookup(d, last).ino(), depth + 1);
    }

    private static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) if (!p.isEmpty()) out.add(p);
        return out;
    }

    public Attr stat(String path) {
        return fs.getattr(resolve(path));
    }

    public Attr lstat(String path) {
        return fs.getattr(resolveNoFollow(path));
    }

    public Attr mkdir(String path, int mode) {
        Parent p = parent(path);
        return fs.mkdir(p.dir(), p.name(), mode, who);
    }

    /** Creates a regular file; EEXIST when the name exists. */
    public Attr create(String path, int mode) {
        Parent p = parent(path);
        return fs.create(p.dir(), p.name(), mode, who);
    }

    public Attr symlink(String target, String path) {
        Parent p = parent(path);
        return fs.symlink(p.dir(), p.name(), target, who);
    }

    public Attr link(String existing, String path) {
        long ino = resolveNoFollow(existing);
        Parent p = parent(path);
        return fs.link(ino, p.dir(), p.name());
    }

    public String readlink(String path) {
        return fs.readlink(resolveNoFollow(path));
    }

    public void unlink(String path) {
        Parent p = parent(path);
        fs.unlink(p.dir(), p.name());
    }

    public void rmdir(String path) {
        Parent p = parent(path);
        fs.rmdir(p.dir(), p.name());
    }

    public void rename(String from, String to) {
        Parent a = parent(from);
        Parent b = parent(to);
        fs.rename(a.dir(), a.name(), b.dir(), b.name());
    }

    /** renameat2(RENAME_EXCHANGE) of two paths. */
    public void exchange(String a, String b) {
        Parent x = parent(a);
        Parent y = parent(b);
        fs.exchange(x.dir(), x.name(), y.dir(), y.name());
    }

    /** Names in a directory, without "." and "..". */
    public List<String> list(String path) {
        List<String> out = new ArrayList<>();
        for (DirEntry e : fs.readdir(resolve(path))) if (!e.name().equals(".") && !e.name().equals("..")) out.add(e.name());
        return out;
    }

    /** pwrite through the path. */
    public int write(String path, long offset, byte[] bytes) {
        return fs.write(resolve(path), offset, ByteBuffer.wrap(bytes));
    }

    /** The whole content of a file. */
    public byte[] readAll(String path) {
        long ino = resolve(path);
        long size = fs.getattr(ino).size();
        if (size > Integer.MAX_VALUE - 16) throw new FsException(FsErrno.EFBIG, "file too large to read whole");
        ByteBuffer b = ByteBuffer.allocate((int) size);
        fs.read(ino, 0, b);
        return b.array();
    }

    public void truncate(String path, long size) {
        fs.truncate(resolve(path), size);
    }
}
