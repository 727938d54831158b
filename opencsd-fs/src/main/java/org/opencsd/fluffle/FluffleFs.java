package org.opencsd.fluffle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.opencsd.zns.ZnsException;
import org.opencsd.zns.ZonedDevice;

/**
 * FluffleFS mounted on a zoned device: the inode-based API the FUSE layer binds, POSIX
 * semantics, errors as {@link FsException} with the errno (see {@code docs/fluffle.md}).
 *
 * <p>Durability: operations change memory and buffer their metadata; {@link #fsync} (or
 * {@link #sync}, or the background commit) writes it. After {@code fsync} returns, everything
 * done before it survives a crash; a crash otherwise recovers the state after some prefix of the
 * completed operations (never a half-done one: each operation's metadata is one atomic commit).
 *
 * <p>Thread-safety: safe for any number of threads. One read-write lock: lookups, getattr,
 * readdir, reads and xattr reads share the read lock (reads go to the device in parallel: a zone
 * cannot be reset while a reader holds the lock); every change, the garbage collector and the
 * metadata log take the write lock. Snapshot reads take no lock (their zones are pinned).
 * A device failure during an operation makes the file system fail every later change with EIO.
 */
public final class FluffleFs implements AutoCloseable {
    /** The root directory's inode number. */
    public static final long ROOT = MetaState.ROOT;
    /** utimens: set the time to now. */
    public static final long UTIME_NOW = Long.MIN_VALUE;
    /** utimens: leave the time unchanged. */
    public static final long UTIME_OMIT = Long.MIN_VALUE + 1;
    /** Largest file size (EFBIG past it). */
    public static final long MAX_FILE_SIZE = FileData.MAX_FILE_SIZE;
    /** {@link #write(long, long, ByteBuffer, boolean)}'s listener: nobody needs to know. */
    private static final LongConsumer IGNORE_CLEARED = ino -> { };

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final FsCore core;
    private final Namespace ns;
    private final FileData data;
    private final boolean ownsDevice;
    private final ConcurrentHashMap<Long, Long> handles = new ConcurrentHashMap<>();
    private final AtomicLong nextHandle = new AtomicLong(1);
    private final BackgroundWorker worker;
    private long userBytes;
    private long lastCommitNanos = System.nanoTime();
    private volatile boolean failed;
    private volatile boolean closed;

    private FluffleFs(FsCore core, boolean ownsDevice, MountOptions o) {
        this.core = core;
        this.ns = new Namespace(core);
        this.data = new FileData(core);
        this.ownsDevice = ownsDevice;
        this.worker = o.backgroundWorker()
                ? new BackgroundWorker("fluffle-background", 50, () -> background(o.commitIntervalMillis())) : null;
    }

    /** Formats {@code device} (destroying what it held); see {@link Formatter}. */
    public static Superblock format(ZonedDevice device) {
        return Formatter.format(device, MountOptions.defaults().clock().getAsLong());
    }

    /** Mounts with the default options; the device stays the caller's to close. */
    public static FluffleFs mount(ZonedDevice device) {
        return mount(device, MountOptions.defaults(), false);
    }

    /**
     * Mounts: reads the superblock and the newest checkpoint, replays the log after it, checks
     * every invariant fsck checks, frees orphans (unlinked inodes that were open at a crash),
     * then writes a fresh checkpoint. Nothing is written unless the checks passed.
     *
     * @param ownsDevice whether {@link #close} closes the device
     * @throws ImageFormatException if the device holds no valid FluffleFS (nothing was changed)
     */
    public static FluffleFs mount(ZonedDevice device, MountOptions o, boolean ownsDevice) {
        if (device.isReadOnly()) throw new IllegalArgumentException("mount needs a writable device");
        Superblock sb = Formatter.readSuperblock(device);
        LogLoader.Loaded loaded = LogLoader.load(device, sb);
        FsckReport check = Fsck.check(device, sb, loaded);
        if (!check.clean()) {
            throw new ImageFormatException("the FluffleFS metadata is corrupt: " + check.problems().getFirst()
                    + (check.problems().size() > 1 ? " (and " + (check.problems().size() - 1) + " more; see opencsd fsck)" : ""));
        }
        MetaState state = loaded.state();
        ZoneAllocator alloc = new ZoneAllocator(device, sb);
        MetadataLog log = new MetadataLog(device, sb, state, loaded.activeZone(), loaded.epoch(),
                loaded.nextSeq(), loaded.usedBlocks());
        Pins pins = new Pins(sb.zoneCount());
        GarbageCollector gc = new GarbageCollector(device, sb, state, alloc, log, pins);
        FsCore core = new FsCore(device, sb, state, log, alloc, gc, pins, o.clock());
        Tx tx = core.tx();
        for (Inode i : new ArrayList<>(state.inodes())) if (i.nlink == 0) tx.add(new LogRecord.InodeFree(i.ino));
        tx.commit();
        log.roll();
        return new FluffleFs(core, ownsDevice, o);
    }

    /** The superblock. */
    public Superblock superblock() {
        return core.sb();
    }

    public Attr lookup(long parent, String name) {
        return read(() -> attr(ns.lookup(parent, name)));
    }

    public Attr getattr(long ino) {
        return read(() -> attr(core.inode(ino)));
    }

    /** Creates a regular file (EEXIST if the name exists). */
    public Attr create(long parent, String name, int mode, Credentials who) {
        return write(() -> attr(ns.create(parent, name, FileType.REGULAR, mode, who, "")));
    }

    public Attr mkdir(long parent, String name, int mode, Credentials who) {
        return write(() -> attr(ns.create(parent, name, FileType.DIRECTORY, mode, who, "")));
    }

    public Attr symlink(long parent, String name, String target, Credentials who) {
        return write(() -> attr(ns.create(parent, name, FileType.SYMLINK, 0777, who, target)));
    }

    /** The target of a symbolic link (EINVAL for anything else). */
    public String readlink(long ino) {
        return read(() -> {
            Inode i = core.inode(ino);
            if (i.type != FileType.SYMLINK) throw new FsException(FsErrno.EINVAL, "inode " + ino + " is not a symlink");
            return i.symlinkTarget;
        });
    }

    public Attr link(long ino, long newParent, String newName) {
        return write(() -> attr(ns.link(ino, newParent, newName)));
    }

    public void unlink(long parent, String name) {
        write(() -> { ns.unlink(parent, name); return null; });
    }

    public void rmdir(long parent, String name) {
        write(() -> { ns.rmdir(parent, name); return null; });
    }

    /** renameat2(RENAME_EXCHANGE): swaps two existing names atomically. */
    public void exchange(long oldParent, String oldName, long newParent, String newName) {
        write(() -> { ns.exchange(oldParent, oldName, newParent, newName); return null; });
    }

    /** rename(2): atomic, replaces a compatible target. */
    public void rename(long oldParent, String oldName, long newParent, String newName) {
        write(() -> { ns.rename(oldParent, oldName, newParent, newName); return null; });
    }

    /** ".", "..", then the entries in name order, with their inode numbers and types. */
    public List<DirEntry> readdir(long ino) {
        return read(() -> ns.readdir(ino));
    }

    /** Opens an inode; the returned handle keeps it alive after unlink until {@link #release}. */
    public long open(long ino) {
        return write(() -> {
            core.inode(ino).openCount++;
            long fh = nextHandle.getAndIncrement();
            handles.put(fh, ino);
            return fh;
        });
    }

    /** Closes a handle; an unlinked inode goes with its last handle. EBADF for an unknown handle. */
    public void release(long fh) {
        write(() -> {
            Long ino = handles.remove(fh);
            if (ino == null) throw new FsException(FsErrno.EBADF, "no handle " + fh);
            Inode i = core.inode(ino);
            i.openCount--;
            if (i.openCount == 0 && i.nlink == 0) {
                Tx tx = core.tx();
                tx.add(new LogRecord.InodeFree(ino));
                tx.commit();
            }
            return null;
        });
    }

    /** The inode a handle refers to; EBADF for an unknown handle. */
    public long inodeOf(long fh) {
        Long ino = handles.get(fh);
        if (ino == null) throw new FsException(FsErrno.EBADF, "no handle " + fh);
        return ino;
    }

    /** pread: bytes read into {@code dst} (0 at or past end of file). */
    public int read(long ino, long offset, ByteBuffer dst) {
        return read(() -> data.read(ino, offset, dst));
    }

    /** pwrite: writes all of {@code src} (short only when the device fills midway). */
    public int write(long ino, long offset, ByteBuffer src) {
        return write(ino, offset, src, (LongConsumer) null);
    }

    /**
     * pwrite as {@link #write(long, long, ByteBuffer)}; when {@code killSetId} (a writer without
     * CAP_FSETID), a regular file's S_ISUID, and S_ISGID if it is group-executable, are cleared
     * first in the same locked section (POSIX: a write by an unprivileged process clears them).
     * Costs nothing more when neither bit is set.
     */
    public int write(long ino, long offset, ByteBuffer src, boolean killSetId) {
        return write(ino, offset, src, killSetId ? IGNORE_CLEARED : null);
    }

    /**
     * pwrite as {@link #write(long, long, ByteBuffer)} by a writer without CAP_FSETID when
     * {@code setIdCleared} is not null: a regular file's S_ISUID, and S_ISGID if it is
     * group-executable, are cleared first in the same locked section, and when that changed the
     * mode {@code setIdCleared} is given the inode number, on this thread, after the lock has been
     * released and before this method returns or throws (also when the data write then failed:
     * the bits stay cleared). It must not throw. Null: a privileged writer, the bits stay.
     * Costs nothing more when neither bit is set: the consumer is then not called.
     */
    public int write(long ino, long offset, ByteBuffer src, LongConsumer setIdCleared) {
        // the hottest path: written out rather than through write(Supplier), whose call site
        // sees every kind of change and would keep the JIT recompiling it
        boolean cleared = false;
        enterWrite();
        try {
            if (setIdCleared != null) cleared = ns.killSetId(ino);
            int n = data.write(ino, offset, src);
            userBytes += n;
            commitIfLarge();
            return n;
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            lock.writeLock().unlock();
            if (cleared) setIdCleared.accept(ino);
        }
    }

    /**
     * Clears a regular file's S_ISUID, and S_ISGID if it is group-executable (what a write,
     * truncate or chown by an unprivileged process does); no change, and no log record, when
     * neither applies.
     *
     * @return true when the mode changed
     */
    public boolean killSetId(long ino) {
        return write(() -> ns.killSetId(ino));
    }

    /** truncate/ftruncate: grow (sparse) or shrink. */
    public void truncate(long ino, long size) {
        write(() -> { data.truncate(ino, size); return null; });
    }

    /**
     * fallocate's PUNCH_HOLE (with KEEP_SIZE): bytes {@code [from, to)} below the size read as
     * zeroes afterwards and the size stays; whole blocks in the range are unmapped (their space
     * is reclaimed by the collector), partial blocks at the ends are rewritten.
     */
    public void punchHole(long ino, long from, long to) {
        write(() -> { data.punchHole(ino, from, to); return null; });
    }

    public Attr chmod(long ino, int mode) {
        return write(() -> { ns.setattr(ino, mode, -1, -1, UTIME_OMIT, UTIME_OMIT); return attr(core.inode(ino)); });
    }

    /** chown; -1 leaves uid or gid unchanged. */
    public Attr chown(long ino, int uid, int gid) {
        return write(() -> { ns.setattr(ino, -1, uid, gid, UTIME_OMIT, UTIME_OMIT); return attr(core.inode(ino)); });
    }

    /** utimensat: nanoseconds since the epoch, or {@link #UTIME_NOW} / {@link #UTIME_OMIT}. */
    public Attr utimens(long ino, long atimeNanos, long mtimeNanos) {
        return write(() -> { ns.setattr(ino, -1, -1, -1, atimeNanos, mtimeNanos); return attr(core.inode(ino)); });
    }

    /** fsync/fdatasync: when it returns, this file's data and metadata (and all earlier changes) are durable. */
    public void fsync(long ino, boolean dataOnly) {
        write(() -> {
            core.inode(ino);
            core.log().sync();
            lastCommitNanos = System.nanoTime();
            return null;
        });
    }

    /** sync(2): makes every change so far durable. */
    public void sync() {
        write(() -> { core.log().sync(); return null; });
    }

    public StatFs statfs() {
        return read(() -> {
            Superblock sb = core.sb();
            long total = (long) (sb.dataZoneCount() - sb.reserveZones()) * sb.zoneCapacity();
            long free = Math.max(0, total - core.state().liveBlocks());
            long inodes = 1L << 32;
            return new StatFs(Superblock.BLOCK, total, free, free, inodes, inodes - core.state().inodeCount(), Names.NAME_MAX);
        });
    }

    /** setxattr; only {@code user.*} names (ENOTSUP otherwise). */
    public void setxattr(long ino, String name, byte[] value, XattrMode mode) {
        write(() -> { ns.setxattr(ino, name, value, mode); return null; });
    }

    public byte[] getxattr(long ino, String name) {
        return read(() -> ns.getxattr(ino, name));
    }

    public List<String> listxattr(long ino) {
        return read(() -> ns.listxattr(ino));
    }

    public void removexattr(long ino, String name) {
        write(() -> { ns.removexattr(ino, name); return null; });
    }

    /** A point-in-time view of a regular file whose blocks the garbage collector will not move. */
    public Snapshot snapshot(long ino) {
        return write(() -> {
            Inode f = core.regular(ino);
            Snapshot s = new Snapshot(ino, f.size, new ArrayList<>(f.extents.extents()), core.device(), core.sb(),
                    zones -> { for (int z : zones) core.pins().unpin(z); });
            for (int z : s.zones()) core.pins().pin(z);
            return s;
        });
    }

    /** Runs the garbage collector on one victim; false when no zone has stale blocks. */
    public boolean collectGarbage() {
        return write(() -> core.gc().collectOne());
    }

    /**
     * Resets up to 8 zones that hold no live block (a deleted file's), with one metadata sync for
     * all; returns how many. The background thread does this while the file system is idle.
     */
    int reclaimDeadZones() {
        return write(() -> core.gc().reclaimDeadZones(DEAD_ZONES_PER_TICK));
    }

    public FsStats stats() {
        return read(() -> {
            var s = core.device().stats();
            return new FsStats(userBytes, s.bytesWritten() + s.bytesAppended(), core.log().bytesWritten(),
                    core.gc().blocksMoved(), core.gc().zonesReclaimed(), core.log().checkpoints(), core.alloc().freeZones());
        });
    }

    /** Commits, stops the background thread, and (when owned) closes the device. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        if (worker != null) worker.stop();
        lock.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            if (!failed) core.log().sync();
        } finally {
            lock.writeLock().unlock();
            if (ownsDevice) core.device().close();
        }
    }

    /**
     * Most dead zones one background tick resets under the write lock (a few ms each: a writer
     * arriving meanwhile waits at most that long).
     */
    private static final int DEAD_ZONES_PER_TICK = 8;

    private void background(long commitIntervalMillis) {
        if (!lock.writeLock().tryLock()) return;
        try {
            if (closed || failed) return;
            if (core.alloc().freeZones() < core.alloc().reserve() + 2) core.gc().collectOne();
            else core.gc().reclaimDeadZones(DEAD_ZONES_PER_TICK);
            if (core.log().pendingBytes() > 0 && System.nanoTime() - lastCommitNanos > commitIntervalMillis * 1_000_000L) {
                core.log().commit();
                lastCommitNanos = System.nanoTime();
            }
        } catch (RuntimeException e) {
            failed = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Attr attr(Inode i) {
        return i.attr(Superblock.BLOCK);
    }

    private <T> T read(Supplier<T> op) {
        lock.readLock().lock();
        try {
            if (closed) throw new IllegalStateException("file system unmounted");
            return op.get();
        } catch (ZnsException e) {
            throw new FsException(FsErrno.EIO, e.getMessage());
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> op) {
        enterWrite();
        try {
            T result = op.get();
            commitIfLarge();
            return result;
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Takes the write lock for a change; when unmounted (IllegalStateException) or failed
     * (EIO) releases it again and throws.
     */
    private void enterWrite() {
        lock.writeLock().lock();
        if (closed) {
            lock.writeLock().unlock();
            throw new IllegalStateException("file system unmounted");
        }
        if (failed) {
            lock.writeLock().unlock();
            throw new FsException(FsErrno.EIO, "the file system failed after a device error");
        }
    }

    /** With the write lock held: commits the metadata log once 256 KiB of it are pending. */
    private void commitIfLarge() {
        if (core.log().pendingBytes() > (256 << 10)) core.log().commit();
    }

    /**
     * What a change that threw {@code e} under the write lock throws: an {@link FsException} as
     * is; anything else marks the file system failed and becomes EIO.
     */
    private RuntimeException failure(RuntimeException e) {
        if (e instanceof FsException) return e;
        failed = true;
        return new FsException(FsErrno.EIO, String.valueOf(e.getMessage()));
    }
}
