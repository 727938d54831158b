package org.opencsd.fuse.fluffle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.opencsd.fluffle.Attr;
import org.opencsd.fluffle.Credentials;
import org.opencsd.fluffle.DirEntry;
import org.opencsd.fluffle.FileType;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.FsErrno;
import org.opencsd.fluffle.FsException;
import org.opencsd.fluffle.XattrMode;
import org.opencsd.fuse.Attributes;
import org.opencsd.fuse.ConnectionInfo;
import org.opencsd.fuse.CreateResult;
import org.opencsd.fuse.DirectoryFiller;
import org.opencsd.fuse.Entry;
import org.opencsd.fuse.Errno;
import org.opencsd.fuse.ErrnoException;
import org.opencsd.fuse.FallocateFlag;
import org.opencsd.fuse.FileMode;
import org.opencsd.fuse.KernelCache;
import org.opencsd.fuse.LowLevelFileSystem;
import org.opencsd.fuse.OpenFlags;
import org.opencsd.fuse.OpenResult;
import org.opencsd.fuse.RenameFlag;
import org.opencsd.fuse.Request;
import org.opencsd.fuse.SetAttributes;
import org.opencsd.fuse.StatFs;
import org.opencsd.fuse.XattrSetMode;

/**
 * FluffleFS served through FUSE: each {@link LowLevelFileSystem} operation maps onto one
 * {@link FluffleFs} call, {@link FsException}s become {@link ErrnoException}s with the same errno.
 *
 * <p>Lookups are counted per inode ({@link LookupCounts}) as the protocol requires, but they keep
 * nothing alive: FluffleFS frees an unlinked inode with its last open handle, and the kernel only
 * forgets an inode it no longer holds open. Permissions are checked by the kernel (the session is
 * mounted with {@code default_permissions}); this class trusts the caller.
 *
 * <p>Offload requests ({@code user.process.csd_*} attributes) are delegated to an
 * {@link OffloadHook}; without one they are ordinary {@code user.*} attributes.
 *
 * <p>Thread-safe: FluffleFS is, and the only state here is the concurrent lookup table and the
 * session's {@link KernelCache} (volatile, set once by {@link #init}; itself thread-safe).
 */
public final class FluffleFileSystem implements LowLevelFileSystem {
    private static final System.Logger LOG = System.getLogger("org.opencsd.fuse.fluffle");
    private final FluffleFs fs;
    private final LookupCounts lookups = new LookupCounts();
    private final OffloadHook offload;
    /** The session's kernel caches, from {@link #init}; {@link KernelCache#NONE} before. */
    private volatile KernelCache kernelCache = KernelCache.NONE;
    /** What an unprivileged write tells FluffleFS to call when it cleared set-id bits (one object, no per-write allocation). */
    private final LongConsumer onSetIdCleared = this::setIdCleared;

    /** Serves {@code fs} without offload; the caller keeps ownership of {@code fs}. */
    public FluffleFileSystem(FluffleFs fs) {
        this(fs, OffloadHook.NONE);
    }

    /** Serves {@code fs}, handing {@code user.process.csd_*} requests and offloaded I/O to {@code offload}. */
    public FluffleFileSystem(FluffleFs fs, OffloadHook offload) {
        this.fs = fs;
        this.offload = offload;
    }

    /**
     * True: this adapter clears set-user-ID and set-group-ID itself (see
     * {@link LowLevelFileSystem#handlesKillPrivV2()}): on a write or an {@code open(O_TRUNC)} by a
     * caller with uid != 0 (libfuse 3.14 passes neither {@code FUSE_WRITE_KILL_SUIDGID} nor
     * {@code FUSE_OPEN_KILL_SUIDGID}; uid 0 stands for CAP_FSETID, which is exact for callers
     * that are root or nobody but approximate for a non-root process holding CAP_FSETID, whose
     * bits are cleared too, as for an unprivileged one), and on a setattr the kernel marked
     * {@link SetAttributes#killSuidGid()} (truncate without CAP_FSETID, chown). FluffleFS stores
     * {@code user.*} attributes only, so there is no {@code security.capability} to remove.
     *
     * <p>The replies to setattr and create carry the new mode, but neither a write's nor an
     * open's does: when a write or an {@code open(O_TRUNC)} actually cleared a bit (never
     * otherwise), the kernel is told to drop the attributes it cached
     * ({@link KernelCache#invalidateAttributes}), so that {@code stat} shows the new mode at once
     * rather than after the attribute timeout.
     */
    @Override
    public boolean handlesKillPrivV2() {
        return true;
    }

    /** Keeps the session's kernel caches, to correct the mode it cached when set-id bits are cleared here. */
    @Override
    public void init(ConnectionInfo connection, KernelCache kernelCache) {
        this.kernelCache = kernelCache;
    }

    /** The lookup counts the kernel holds (for tests and diagnostics). */
    public LookupCounts lookups() {
        return lookups;
    }

    @Override
    public void destroy() {
        offload.close();
        try {
            fs.sync();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "final sync at unmount failed: " + e.getMessage());
        }
    }

    @Override
    public Entry lookup(Request r, long parent, String name) throws IOException {
        return entry(call(() -> fs.lookup(parent, name)));
    }

    @Override
    public void forget(long ino, long nlookup) {
        lookups.forget(ino, nlookup);
    }

    @Override
    public Attributes getattr(Request r, long ino, OptionalLong fh) throws IOException {
        return attributes(call(() -> fs.getattr(ino)));
    }

    @Override
    public Attributes setattr(Request r, long ino, SetAttributes c) throws IOException {
        return attributes(call(() -> {
            Attr a = fs.getattr(ino);
            if (c.size().isPresent()) {
                if (a.type() == FileType.DIRECTORY) throw new FsException(FsErrno.EISDIR, "truncate of a directory");
                fs.truncate(ino, c.size().getAsLong());
            }
            if (c.uid().isPresent() || c.gid().isPresent()) {
                fs.chown(ino, c.uid().orElse(-1), c.gid().orElse(-1));
            }
            if (c.mode().isPresent()) {
                int mode = c.mode().getAsInt() & FileMode.PERMISSIONS;
                fs.chmod(ino, c.killSuidGid() && a.type() == FileType.REGULAR ? killedSetId(mode) : mode);
            } else if (c.killSuidGid()) {
                fs.killSetId(ino);
            }
            long atime = time(c.atime());
            long mtime = time(c.mtime());
            if (atime != FluffleFs.UTIME_OMIT || mtime != FluffleFs.UTIME_OMIT) fs.utimens(ino, atime, mtime);
            return fs.getattr(ino);
        }));
    }

    @Override
    public String readlink(Request r, long ino) throws IOException {
        return call(() -> fs.readlink(ino));
    }

    @Override
    public Entry mknod(Request r, long parent, String name, int mode, long rdev) throws IOException {
        if ((mode & FileMode.S_IFMT) != FileMode.S_IFREG && (mode & FileMode.S_IFMT) != 0) {
            throw new ErrnoException(Errno.EPERM, "FluffleFS stores regular files, directories and symlinks only");
        }
        return entry(call(() -> fs.create(parent, name, mode & FileMode.PERMISSIONS, who(r))));
    }

    @Override
    public Entry mkdir(Request r, long parent, String name, int mode) throws IOException {
        return entry(call(() -> fs.mkdir(parent, name, mode & FileMode.PERMISSIONS, who(r))));
    }

    @Override
    public void unlink(Request r, long parent, String name) throws IOException {
        call(() -> { fs.unlink(parent, name); return null; });
    }

    @Override
    public void rmdir(Request r, long parent, String name) throws IOException {
        call(() -> { fs.rmdir(parent, name); return null; });
    }

    @Override
    public Entry symlink(Request r, String target, long parent, String name) throws IOException {
        return entry(call(() -> fs.symlink(parent, name, target, who(r))));
    }

    @Override
    public void rename(Request r, long parent, String name, long newParent, String newName, Set<RenameFlag> flags)
            throws IOException {
        if (flags.contains(RenameFlag.WHITEOUT) || flags.contains(RenameFlag.EXCHANGE) && flags.contains(RenameFlag.NOREPLACE)) {
            throw new ErrnoException(Errno.EINVAL, "rename flags " + flags + " are not supported");
        }
        call(() -> {
            if (flags.contains(RenameFlag.EXCHANGE)) {
                fs.exchange(parent, name, newParent, newName);
                return null;
            }
            if (flags.contains(RenameFlag.NOREPLACE) && exists(newParent, newName)) {
                throw new FsException(FsErrno.EEXIST, newName + " exists (RENAME_NOREPLACE)");
            }
            fs.rename(parent, name, newParent, newName);
            return null;
        });
    }

    @Override
    public Entry link(Request r, long ino, long newParent, String newName) throws IOException {
        return entry(call(() -> fs.link(ino, newParent, newName)));
    }

    @Override
    public OpenResult open(Request r, long ino, OpenFlags flags) throws IOException {
        long fh = call(() -> {
            Attr a = fs.getattr(ino);
            if (a.type() == FileType.DIRECTORY) throw new FsException(FsErrno.EISDIR, "open of a directory");
            long h = fs.open(ino);
            if (flags.truncate() && flags.writable()) {
                try {
                    if (a.size() > 0) fs.truncate(ino, 0);
                    if (unprivileged(r) && fs.killSetId(ino)) setIdCleared(ino);
                } catch (FsException e) {
                    fs.release(h);
                    throw e;
                }
            }
            return h;
        });
        return offload.opened(r, ino, fh, flags, OpenResult.of(fh));
    }

    @Override
    public void read(Request r, long ino, long fh, long offset, ByteBuffer dst) throws IOException {
        if (offload.read(r, ino, fh, offset, dst)) return;
        call(() -> fs.read(ino, offset, dst));
    }

    @Override
    public int write(Request r, long ino, long fh, long offset, ByteBuffer src) throws IOException {
        int asked = src.remaining();
        ByteBuffer data = offload.transformWrite(r, ino, fh, offset, src);
        int n;
        try {
            n = fs.write(ino, offset, data, unprivileged(r) ? onSetIdCleared : null);
        } catch (FsException | IllegalStateException e) {
            throw errnoException(e);
        }
        offload.written(r, ino, fh, offset, n);
        if (data == src) return n;
        src.position(src.limit());
        return n == data.capacity() ? asked : n;
    }

    @Override
    public void flush(Request r, long ino, long fh, long lockOwner) {
        // Every write already reached FluffleFS; close(2) needs no extra work.
    }

    @Override
    public void release(Request r, long ino, long fh, OpenFlags flags) throws IOException {
        offload.released(ino, fh);
        call(() -> { fs.release(fh); return null; });
    }

    @Override
    public void fsync(Request r, long ino, long fh, boolean dataOnly) throws IOException {
        call(() -> { fs.fsync(ino, dataOnly); return null; });
    }

    @Override
    public OpenResult opendir(Request r, long ino, OpenFlags flags) throws IOException {
        Attr a = call(() -> fs.getattr(ino));
        if (a.type() != FileType.DIRECTORY) throw new ErrnoException(Errno.ENOTDIR, "inode " + ino + " is not a directory");
        return OpenResult.of(0);
    }

    @Override
    public void readdir(Request r, long ino, long fh, long offset, DirectoryFiller filler) throws IOException {
        List<DirEntry> entries = call(() -> fs.readdir(ino));
        for (int i = (int) Math.max(0, offset); i < entries.size(); i++) {
            DirEntry e = entries.get(i);
            if (!filler.add(e.name(), e.ino(), e.type().formatBits(), i + 1)) return;
        }
    }

    @Override
    public void fsyncdir(Request r, long ino, long fh, boolean dataOnly) throws IOException {
        call(() -> { fs.fsync(ino, dataOnly); return null; });
    }

    @Override
    public StatFs statfs(Request r, long ino) throws IOException {
        org.opencsd.fluffle.StatFs s = call(fs::statfs);
        return new StatFs(s.blockSize(), s.blockSize(), s.totalBlocks(), s.freeBlocks(), s.availableBlocks(),
                s.totalInodes(), s.freeInodes(), s.maxNameLength());
    }

    @Override
    public void setxattr(Request r, long ino, String name, byte[] value, XattrSetMode mode) throws IOException {
        if (offload.handles(name)) {
            offload.setxattr(r, ino, name, value, mode);
            return;
        }
        XattrMode m = switch (mode) {
            case CREATE_OR_REPLACE -> XattrMode.ANY;
            case CREATE -> XattrMode.CREATE;
            case REPLACE -> XattrMode.REPLACE;
        };
        call(() -> { fs.setxattr(ino, name, value, m); return null; });
    }

    @Override
    public byte[] getxattr(Request r, long ino, String name) throws IOException {
        if (offload.handles(name)) return offload.getxattr(r, ino, name);
        return call(() -> fs.getxattr(ino, name));
    }

    @Override
    public List<String> listxattr(Request r, long ino) throws IOException {
        List<String> stored = call(() -> fs.listxattr(ino));
        return offload.listxattr(r, ino, stored);
    }

    @Override
    public void removexattr(Request r, long ino, String name) throws IOException {
        if (offload.handles(name)) {
            offload.removexattr(r, ino, name);
            return;
        }
        call(() -> { fs.removexattr(ino, name); return null; });
    }

    @Override
    public CreateResult create(Request r, long parent, String name, int mode, OpenFlags flags) throws IOException {
        Attr a = call(() -> {
            try {
                return fs.create(parent, name, mode & FileMode.PERMISSIONS, who(r));
            } catch (FsException e) {
                // O_CREAT without O_EXCL on a name that appeared since the kernel's lookup: open it.
                if (e.errno() != FsErrno.EEXIST || (flags.value() & 0200) != 0) throw e;
                Attr existing = fs.lookup(parent, name);
                if (existing.type() == FileType.DIRECTORY) throw new FsException(FsErrno.EISDIR, name + " is a directory");
                if (flags.truncate() && flags.writable()) {
                    fs.truncate(existing.ino(), 0);
                    // no notification: the create reply's entry carries the new mode
                    if (unprivileged(r)) fs.killSetId(existing.ino());
                }
                return fs.getattr(existing.ino());
            }
        });
        Entry entry = entry(a);
        long fh;
        try {
            fh = call(() -> fs.open(a.ino()));
        } catch (IOException e) {
            lookups.forget(a.ino(), 1);
            throw e;
        }
        return new CreateResult(entry, offload.opened(r, a.ino(), fh, flags, OpenResult.of(fh)));
    }

    /**
     * fallocate(2). FluffleFS allocates on write (a log-structured file system cannot reserve
     * blocks in place), so: mode 0 extends the size when the range ends past it; KEEP_SIZE alone
     * checks that the space exists; PUNCH_HOLE (with KEEP_SIZE) unmaps the range's whole blocks
     * (partial ones are rewritten) so it reads as zeroes and its space is freed; ZERO_RANGE writes
     * zeroes; COLLAPSE/INSERT/UNSHARE are EOPNOTSUPP.
     */
    @Override
    public void fallocate(Request r, long ino, long fh, Set<FallocateFlag> mode, long offset, long length)
            throws IOException {
        if (offset < 0 || length <= 0) throw new ErrnoException(Errno.EINVAL, "fallocate range " + offset + "+" + length);
        Set<FallocateFlag> supported = Set.of(FallocateFlag.KEEP_SIZE, FallocateFlag.PUNCH_HOLE, FallocateFlag.ZERO_RANGE);
        for (FallocateFlag f : mode) {
            if (!supported.contains(f)) throw new ErrnoException(Errno.EOPNOTSUPP, "fallocate " + f);
        }
        boolean punch = mode.contains(FallocateFlag.PUNCH_HOLE);
        if (punch && !mode.contains(FallocateFlag.KEEP_SIZE)) throw new ErrnoException(Errno.EOPNOTSUPP, "PUNCH_HOLE needs KEEP_SIZE");
        long end = offset + length;
        if (end < 0 || end > FluffleFs.MAX_FILE_SIZE) throw new ErrnoException(Errno.EFBIG, "fallocate past the largest file size");
        if (call(() -> fs.getattr(ino)).type() != FileType.REGULAR) {
            throw new ErrnoException(Errno.ENODEV, "fallocate of a non-regular file");
        }
        call(() -> {
            Attr a = fs.getattr(ino);
            if (punch) {
                fs.punchHole(ino, offset, end);
            } else if (mode.contains(FallocateFlag.ZERO_RANGE)) {
                long zeroEnd = mode.contains(FallocateFlag.KEEP_SIZE) ? Math.min(end, a.size()) : end;
                Zeroes.write(fs, ino, offset, zeroEnd);
            } else {
                org.opencsd.fluffle.StatFs s = fs.statfs();
                long needBytes = Math.max(0, end - a.size());
                if (needBytes > s.availableBlocks() * s.blockSize()) throw new FsException(FsErrno.ENOSPC, "fallocate");
            }
            if (!mode.contains(FallocateFlag.KEEP_SIZE) && end > a.size()) fs.truncate(ino, end);
            return null;
        });
    }

    private boolean exists(long parent, String name) {
        try {
            fs.lookup(parent, name);
            return true;
        } catch (FsException e) {
            if (e.errno() == FsErrno.ENOENT) return false;
            throw e;
        }
    }

    private Entry entry(Attr a) {
        Entry e = Entry.of(attributes(a));
        lookups.add(a.ino());
        return e;
    }

    static Attributes attributes(Attr a) {
        return new Attributes(a.ino(), a.stMode(), a.nlink(), a.uid(), a.gid(), 0, a.size(), a.blocks(), 4096,
                instant(a.atimeNanos()), instant(a.mtimeNanos()), instant(a.ctimeNanos()));
    }

    private static java.time.Instant instant(long nanos) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static long time(org.opencsd.fuse.TimeChange t) {
        return switch (t) {
            case org.opencsd.fuse.TimeChange.Omit o -> FluffleFs.UTIME_OMIT;
            case org.opencsd.fuse.TimeChange.Now n -> FluffleFs.UTIME_NOW;
            case org.opencsd.fuse.TimeChange.Set s -> s.time().getEpochSecond() * 1_000_000_000L + s.time().getNano();
        };
    }

    /**
     * FluffleFS cleared set-id bits of {@code ino} on its own (no reply carries the new mode):
     * the kernel drops the attributes it cached. Attributes only, which is safe inside the
     * write handler this runs in (see {@link KernelCache#invalidateAttributes}). Never throws.
     */
    private void setIdCleared(long ino) {
        kernelCache.invalidateAttributes(ino);
    }

    /** The caller lacks CAP_FSETID, approximated as uid != 0 (see {@link #handlesKillPrivV2()}). */
    private static boolean unprivileged(Request r) {
        return r.uid() != 0;
    }

    /** {@code mode} without S_ISUID, and without S_ISGID when group-executable. */
    private static int killedSetId(int mode) {
        int killed = mode & ~FileMode.S_ISUID;
        return (mode & 0010) != 0 ? killed & ~FileMode.S_ISGID : killed;
    }

    private static Credentials who(Request r) {
        return new Credentials(r.uid(), r.gid());
    }

    /** Runs one FluffleFS call, turning its {@link FsException} into the matching {@link ErrnoException}. */
    static <T> T call(Supplier<T> op) throws ErrnoException {
        try {
            return op.get();
        } catch (FsException | IllegalStateException e) {
            throw errnoException(e);
        }
    }

    /** The errno exception for a FluffleFS failure: its errno, or EIO for an unmounted file system. */
    static ErrnoException errnoException(RuntimeException e) {
        if (e instanceof FsException f) return new ErrnoException(errno(f.errno()), f.getMessage());
        return new ErrnoException(Errno.EIO, String.valueOf(e.getMessage()));
    }

    static Errno errno(FsErrno e) {
        return e == FsErrno.ENOTSUP ? Errno.EOPNOTSUPP : Errno.of(e.code());
    }
}
