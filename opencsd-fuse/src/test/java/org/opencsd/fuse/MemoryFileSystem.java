package org.opencsd.fuse;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory inode filesystem, the binding's test and example filesystem: regular files,
 * directories, symlinks, hard links, fifos and device nodes, extended attributes (user, trusted
 * and security namespaces), rename with NOREPLACE and EXCHANGE, fallocate (allocate, keep size,
 * punch hole, zero range), SEEK_DATA/SEEK_HOLE, copy_file_range. Inodes are freed when their
 * last link, lookup and open handle are gone. Access times are not updated by reads (as with
 * {@code noatime}). Files are limited to 2 GiB.
 *
 * <p>For tests it records every request ({@link #calls()}), counts read requests
 * ({@link #reads()}), opens files with the per-open flags set by {@link #openWith}, and keeps the
 * {@link KernelCache} init handed it ({@link #kernelCache()}).
 *
 * <p>Thread-safe: all state is guarded by one lock.
 */
final class MemoryFileSystem implements LowLevelFileSystem {
    static final long ROOT = 1;
    private static final long TOTAL_BLOCKS = 1 << 20;

    /** One recorded request: operation, inode (or parent) and caller. */
    record Call(String op, long ino, String name, Request request) {}

    private final Object lock = new Object();
    private final Map<Long, MemoryNode> inodes = new HashMap<>();
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicLong reads = new AtomicLong();
    private long nextIno = ROOT + 1;
    private long nextFh = 1;
    private volatile OpenResult openFlags = OpenResult.of(0).withKeepCache(true);
    private volatile boolean destroyed;
    private volatile KernelCache kernelCache = KernelCache.NONE;

    private final Runnable onDestroy;

    MemoryFileSystem() {
        this(() -> { });
    }

    /** A filesystem that runs {@code onDestroy} when the session delivers destroy. */
    MemoryFileSystem(Runnable onDestroy) {
        this.onDestroy = onDestroy;
        inodes.put(ROOT, new MemoryNode.Directory(ROOT, ROOT, FileMode.S_IFDIR | 0755, 0, 0, Instant.now()));
    }

    /** Every request served so far, in arrival order. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Number of read requests served. */
    long reads() {
        return reads.get();
    }

    /** Per-open flags for files opened from now on ({@code fh} is ignored). */
    void openWith(boolean directIo, boolean keepCache) {
        openFlags = OpenResult.of(0).withDirectIo(directIo).withKeepCache(keepCache);
    }

    /** The kernel caches init received; {@link KernelCache#NONE} before init. */
    KernelCache kernelCache() {
        return kernelCache;
    }

    @Override
    public void init(ConnectionInfo connection, KernelCache kernelCache) {
        this.kernelCache = kernelCache;
    }

    /** True once the session delivered destroy. */
    boolean destroyed() {
        return destroyed;
    }

    @Override
    public void destroy() {
        destroyed = true;
        onDestroy.run();
    }

    private void record(String op, long ino, String name, Request r) {
        calls.add(new Call(op, ino, name, r));
    }

    // ---- helpers (callers hold the lock) -------------------------------------------------

    private MemoryNode node(long ino) throws ErrnoException {
        MemoryNode n = inodes.get(ino);
        if (n == null) throw new ErrnoException(Errno.ENOENT, "no inode " + ino);
        return n;
    }

    private MemoryNode.Directory dir(long ino) throws ErrnoException {
        if (node(ino) instanceof MemoryNode.Directory d) return d;
        throw new ErrnoException(Errno.ENOTDIR);
    }

    private MemoryNode.File file(long ino) throws ErrnoException {
        MemoryNode n = node(ino);
        if (n instanceof MemoryNode.File f) return f;
        throw new ErrnoException(n instanceof MemoryNode.Directory ? Errno.EISDIR : Errno.EINVAL);
    }

    private MemoryNode child(MemoryNode.Directory d, String name) throws ErrnoException {
        Long ino = d.children.get(name);
        if (ino == null) throw new ErrnoException(Errno.ENOENT, name);
        return node(ino);
    }

    private static void checkName(String name) throws ErrnoException {
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) throw new ErrnoException(Errno.ENAMETOOLONG);
    }

    private Entry entry(MemoryNode n) {
        n.lookups++;
        return Entry.of(n.attributes());
    }

    /** Links a new node into {@code parent} and counts its first lookup. */
    private Entry add(long parent, String name, MemoryNode n) throws ErrnoException {
        MemoryNode.Directory d = dir(parent);
        checkName(name);
        if (d.children.containsKey(name)) throw new ErrnoException(Errno.EEXIST, name);
        inodes.put(n.ino, n);
        d.put(name, n.ino);
        if (n instanceof MemoryNode.Directory) d.nlink++;
        d.mtime = d.ctime = n.ctime;
        return entry(n);
    }

    private void maybeFree(MemoryNode n) {
        if (n.nlink == 0 && n.lookups <= 0 && n.openHandles <= 0) inodes.remove(n.ino);
    }

    // ---- names and inodes -----------------------------------------------------------------

    @Override
    public Entry lookup(Request r, long parent, String name) throws ErrnoException {
        record("lookup", parent, name, r);
        synchronized (lock) {
            MemoryNode.Directory d = dir(parent);
            if (name.equals(".")) return entry(d);
            if (name.equals("..")) return entry(node(d.parent));
            return entry(child(d, name));
        }
    }

    @Override
    public void forget(long ino, long nlookup) {
        synchronized (lock) {
            MemoryNode n = inodes.get(ino);
            if (n == null) return;
            n.lookups -= nlookup;
            maybeFree(n);
        }
    }

    @Override
    public Attributes getattr(Request r, long ino, OptionalLong fh) throws ErrnoException {
        record("getattr", ino, null, r);
        synchronized (lock) {
            return node(ino).attributes();
        }
    }

    @Override
    public Attributes setattr(Request r, long ino, SetAttributes c) throws ErrnoException {
        record("setattr", ino, null, r);
        synchronized (lock) {
            MemoryNode n = node(ino);
            Instant now = Instant.now();
            if (c.size().isPresent()) {
                if (!(n instanceof MemoryNode.File f)) throw new ErrnoException(n instanceof MemoryNode.Directory ? Errno.EISDIR : Errno.EINVAL);
                f.truncate(c.size().getAsLong());
                f.mtime = now;
            }
            if (c.mode().isPresent()) n.mode = FileMode.type(n.mode) | c.mode().getAsInt();
            if (c.uid().isPresent()) n.uid = c.uid().getAsInt();
            if (c.gid().isPresent()) n.gid = c.gid().getAsInt();
            if (c.killSuidGid()) n.mode &= ~(FileMode.S_ISUID | ((n.mode & 010) != 0 ? FileMode.S_ISGID : 0));
            n.atime = c.atime().apply(n.atime, now);
            n.mtime = c.mtime().apply(n.mtime, now);
            n.ctime = c.ctime().orElse(now);
            return n.attributes();
        }
    }

    @Override
    public String readlink(Request r, long ino) throws ErrnoException {
        record("readlink", ino, null, r);
        synchronized (lock) {
            if (node(ino) instanceof MemoryNode.Symlink s) return s.target;
            throw new ErrnoException(Errno.EINVAL);
        }
    }

    @Override
    public Entry mknod(Request r, long parent, String name, int mode, long rdev) throws ErrnoException {
        record("mknod", parent, name, r);
        synchronized (lock) {
            if (FileMode.isDirectory(mode) || FileMode.isSymlink(mode)) throw new ErrnoException(Errno.EINVAL);
            Instant now = Instant.now();
            MemoryNode n = FileMode.isRegular(mode)
                    ? new MemoryNode.File(nextIno++, mode, r.uid(), r.gid(), now)
                    : new MemoryNode.Special(nextIno++, mode, rdev, r.uid(), r.gid(), now);
            return add(parent, name, n);
        }
    }

    @Override
    public Entry mkdir(Request r, long parent, String name, int mode) throws ErrnoException {
        record("mkdir", parent, name, r);
        synchronized (lock) {
            int full = FileMode.S_IFDIR | (mode & FileMode.PERMISSIONS);
            return add(parent, name, new MemoryNode.Directory(nextIno++, parent, full, r.uid(), r.gid(), Instant.now()));
        }
    }

    @Override
    public void unlink(Request r, long parent, String name) throws ErrnoException {
        record("unlink", parent, name, r);
        synchronized (lock) {
            MemoryNode.Directory d = dir(parent);
            MemoryNode n = child(d, name);
            if (n instanceof MemoryNode.Directory) throw new ErrnoException(Errno.EISDIR);
            d.remove(name);
            Instant now = Instant.now();
            d.mtime = d.ctime = n.ctime = now;
            n.nlink--;
            maybeFree(n);
        }
    }

    @Override
    public void rmdir(Request r, long parent, String name) throws ErrnoException {
        record("rmdir", parent, name, r);
        synchronized (lock) {
            MemoryNode.Directory d = dir(parent);
            if (name.equals(".")) throw new ErrnoException(Errno.EINVAL);
            if (!(child(d, name) instanceof MemoryNode.Directory victim)) throw new ErrnoException(Errno.ENOTDIR);
            if (!victim.children.isEmpty()) throw new ErrnoException(Errno.ENOTEMPTY);
            d.remove(name);
            d.nlink--;
            d.mtime = d.ctime = Instant.now();
            victim.nlink = 0;
            maybeFree(victim);
        }
    }

    @Override
    public Entry symlink(Request r, String target, long parent, String name) throws ErrnoException {
        record("symlink", parent, name, r);
        synchronized (lock) {
            return add(parent, name, new MemoryNode.Symlink(nextIno++, target, r.uid(), r.gid(), Instant.now()));
        }
    }

    @Override
    public void rename(Request r, long parent, String name, long newParent, String newName, Set<RenameFlag> flags)
            throws ErrnoException {
        record("rename", parent, name, r);
        if (flags.contains(RenameFlag.WHITEOUT)) throw new ErrnoException(Errno.EINVAL, "RENAME_WHITEOUT");
        synchronized (lock) {
            checkName(newName);
            MemoryRename.apply(this, dir(parent), name, dir(newParent), newName, flags);
        }
    }

    /** Package access for {@link MemoryRename}; the caller holds the lock. */
    MemoryNode nodeLocked(long ino) throws ErrnoException {
        return node(ino);
    }

    /** Package access for {@link MemoryRename}; the caller holds the lock. */
    void freeIfUnused(MemoryNode n) {
        maybeFree(n);
    }

    @Override
    public Entry link(Request r, long ino, long newParent, String newName) throws ErrnoException {
        record("link", ino, newName, r);
        synchronized (lock) {
            MemoryNode n = node(ino);
            if (n instanceof MemoryNode.Directory) throw new ErrnoException(Errno.EPERM);
            MemoryNode.Directory d = dir(newParent);
            checkName(newName);
            if (d.children.containsKey(newName)) throw new ErrnoException(Errno.EEXIST);
            d.put(newName, ino);
            n.nlink++;
            d.mtime = d.ctime = n.ctime = Instant.now();
            return entry(n);
        }
    }

    // ---- files ----------------------------------------------------------------------------

    @Override
    public OpenResult open(Request r, long ino, OpenFlags flags) throws ErrnoException {
        record("open", ino, null, r);
        synchronized (lock) {
            MemoryNode n = node(ino);
            if (flags.truncate() && n instanceof MemoryNode.File f) {
                f.truncate(0);
                f.mtime = f.ctime = Instant.now();
            }
            n.openHandles++;
            return handle();
        }
    }

    private OpenResult handle() {
        OpenResult flags = openFlags;
        return new OpenResult(nextFh++, flags.directIo(), flags.keepCache(), false, false, false);
    }

    @Override
    public void read(Request r, long ino, long fh, long offset, ByteBuffer dst) throws ErrnoException {
        record("read", ino, null, r);
        reads.incrementAndGet();
        synchronized (lock) {
            file(ino).read(offset, dst);
        }
    }

    @Override
    public int write(Request r, long ino, long fh, long offset, ByteBuffer src) throws ErrnoException {
        record("write", ino, null, r);
        synchronized (lock) {
            MemoryNode.File f = file(ino);
            int n = f.write(offset, src);
            f.mtime = f.ctime = Instant.now();
            return n;
        }
    }

    @Override
    public void flush(Request r, long ino, long fh, long lockOwner) {
        record("flush", ino, null, r);
    }

    @Override
    public void release(Request r, long ino, long fh, OpenFlags flags) {
        record("release", ino, null, r);
        synchronized (lock) {
            MemoryNode n = inodes.get(ino);
            if (n == null) return;
            n.openHandles--;
            maybeFree(n);
        }
    }

    @Override
    public void fsync(Request r, long ino, long fh, boolean dataOnly) {
        record("fsync", ino, null, r);
    }

    @Override
    public CreateResult create(Request r, long parent, String name, int mode, OpenFlags flags) throws ErrnoException {
        record("create", parent, name, r);
        synchronized (lock) {
            MemoryNode.Directory d = dir(parent);
            if (d.children.containsKey(name)) {
                if ((flags.value() & 0200) != 0) throw new ErrnoException(Errno.EEXIST, name);
                MemoryNode existing = child(d, name);
                return new CreateResult(entry(existing), open(r, existing.ino, flags));
            }
            MemoryNode.File f = new MemoryNode.File(nextIno++, FileMode.S_IFREG | (mode & FileMode.PERMISSIONS), r.uid(), r.gid(), Instant.now());
            Entry e = add(parent, name, f);
            f.openHandles++;
            return new CreateResult(e, handle());
        }
    }

    @Override
    public void fallocate(Request r, long ino, long fh, Set<FallocateFlag> mode, long offset, long length) throws ErrnoException {
        record("fallocate", ino, null, r);
        synchronized (lock) {
            MemoryFallocate.apply(file(ino), mode, offset, length);
        }
    }

    @Override
    public long lseek(Request r, long ino, long fh, long offset, SeekWhence whence) throws ErrnoException {
        record("lseek", ino, null, r);
        synchronized (lock) {
            long size = file(ino).size();
            if (offset >= size) throw new ErrnoException(Errno.ENXIO);
            return whence == SeekWhence.DATA ? offset : size;
        }
    }

    @Override
    public long copyFileRange(Request r, long inIno, long inFh, long inOffset, long outIno, long outFh, long outOffset,
                              long length) throws ErrnoException {
        record("copy_file_range", inIno, null, r);
        synchronized (lock) {
            MemoryNode.File in = file(inIno);
            MemoryNode.File out = file(outIno);
            ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(length, 1 << 24));
            in.read(inOffset, chunk);
            chunk.flip();
            int n = out.write(outOffset, chunk);
            out.mtime = out.ctime = Instant.now();
            return n;
        }
    }

    /**
     * access(2) from the mode bits, for mounts without {@code default_permissions}: root may
     * read and write anything and execute what has any execute bit (or is a directory).
     */
    @Override
    public void access(Request r, long ino, int mask) throws ErrnoException {
        record("access", ino, null, r);
        synchronized (lock) {
            MemoryNode n = node(ino);
            int want = mask & 7;
            if (r.uid() == 0) {
                boolean anyX = (n.mode & 0111) != 0 || n instanceof MemoryNode.Directory;
                if ((want & 1) != 0 && !anyX) throw new ErrnoException(Errno.EACCES);
                return;
            }
            int shift = r.uid() == n.uid ? 6 : r.gid() == n.gid ? 3 : 0;
            if ((((n.mode >> shift) & 7) & want) != want) throw new ErrnoException(Errno.EACCES);
        }
    }

    // ---- directories ----------------------------------------------------------------------

    @Override
    public OpenResult opendir(Request r, long ino, OpenFlags flags) throws ErrnoException {
        record("opendir", ino, null, r);
        synchronized (lock) {
            dir(ino);
            return OpenResult.of(nextFh++);
        }
    }

    @Override
    public void readdir(Request r, long ino, long fh, long offset, DirectoryFiller filler) throws ErrnoException {
        record("readdir", ino, null, r);
        synchronized (lock) {
            MemoryNode.Directory d = dir(ino);
            if (offset < 1 && !filler.add(".", d.ino, d.mode, 1)) return;
            if (offset < 2 && !filler.add("..", d.parent, FileMode.S_IFDIR, 2)) return;
            for (Map.Entry<Long, String> e : d.byCookie.tailMap(offset, false).entrySet()) {
                MemoryNode n = node(d.children.get(e.getValue()));
                if (!filler.add(e.getValue(), n.ino, n.mode, e.getKey())) return;
            }
        }
    }

    @Override
    public void readdirplus(Request r, long ino, long fh, long offset, DirectoryPlusFiller filler) throws ErrnoException {
        record("readdirplus", ino, null, r);
        synchronized (lock) {
            MemoryNode.Directory d = dir(ino);
            if (offset < 1 && !filler.add(".", Entry.of(d.attributes()), 1)) return;
            if (offset < 2 && !filler.add("..", Entry.of(node(d.parent).attributes()), 2)) return;
            for (Map.Entry<Long, String> e : d.byCookie.tailMap(offset, false).entrySet()) {
                MemoryNode n = node(d.children.get(e.getValue()));
                if (!filler.add(e.getValue(), Entry.of(n.attributes()), e.getKey())) return;
                n.lookups++;
            }
        }
    }

    @Override
    public void releasedir(Request r, long ino, long fh) {
        record("releasedir", ino, null, r);
    }

    @Override
    public void fsyncdir(Request r, long ino, long fh, boolean dataOnly) {
        record("fsyncdir", ino, null, r);
    }

    // ---- filesystem, attributes ------------------------------------------------------------

    @Override
    public StatFs statfs(Request r, long ino) {
        record("statfs", ino, null, r);
        synchronized (lock) {
            long used = 0;
            for (MemoryNode n : inodes.values()) used += (n.size() + 4095) / 4096;
            long free = Math.max(0, TOTAL_BLOCKS - used);
            return new StatFs(4096, 4096, TOTAL_BLOCKS, free, free, 1 << 20, (1 << 20) - inodes.size(), 255);
        }
    }

    @Override
    public void setxattr(Request r, long ino, String name, byte[] value, XattrSetMode mode) throws ErrnoException {
        record("setxattr", ino, name, r);
        checkXattrName(name);
        synchronized (lock) {
            MemoryNode n = node(ino);
            boolean exists = n.xattrs.containsKey(name);
            if (mode == XattrSetMode.CREATE && exists) throw new ErrnoException(Errno.EEXIST);
            if (mode == XattrSetMode.REPLACE && !exists) throw new ErrnoException(Errno.ENODATA);
            n.xattrs.put(name, value.clone());
            n.ctime = Instant.now();
        }
    }

    @Override
    public byte[] getxattr(Request r, long ino, String name) throws ErrnoException {
        record("getxattr", ino, name, r);
        checkXattrName(name);
        synchronized (lock) {
            byte[] v = node(ino).xattrs.get(name);
            if (v == null) throw new ErrnoException(Errno.ENODATA);
            return v.clone();
        }
    }

    @Override
    public List<String> listxattr(Request r, long ino) throws ErrnoException {
        record("listxattr", ino, null, r);
        synchronized (lock) {
            return new ArrayList<>(node(ino).xattrs.keySet());
        }
    }

    @Override
    public void removexattr(Request r, long ino, String name) throws ErrnoException {
        record("removexattr", ino, name, r);
        checkXattrName(name);
        synchronized (lock) {
            MemoryNode n = node(ino);
            if (n.xattrs.remove(name) == null) throw new ErrnoException(Errno.ENODATA);
            n.ctime = Instant.now();
        }
    }

    /** Namespaces this filesystem stores; {@code system.*} (ACLs) is not supported, as on a FS without ACLs. */
    private static void checkXattrName(String name) throws ErrnoException {
        if (!(name.startsWith("user.") || name.startsWith("trusted.") || name.startsWith("security."))) {
            throw new ErrnoException(Errno.EOPNOTSUPP, "xattr namespace of " + name);
        }
    }
}
