package org.opencsd.fuse;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.time.Instant;

/**
 * The C structures the binding reads and writes, for glibc and libfuse 3.14 on x86-64 (LP64),
 * each as a {@link StructLayout} whose offsets and size were checked against the C compiler
 * ({@code src/test/c/layouts.c}, run by {@code NativeStructsTest}).
 *
 * <p><b>{@code struct fuse_file_info}</b> (40 bytes): {@code int flags} at 0; then one 32-bit
 * storage unit of {@code unsigned int} bitfields at byte 4, allocated from the least significant
 * bit as the x86-64 SysV ABI does: bit 0 {@code writepage}, 1 {@code direct_io}, 2
 * {@code keep_cache}, 3 {@code flush}, 4 {@code nonseekable}, 5 {@code flock_release}, 6
 * {@code cache_readdir}, 7 {@code noflush}, bits 8-31 {@code padding}; {@code padding2} (32 bits)
 * at 8; {@code uint64_t fh} at 16; {@code lock_owner} at 24; {@code uint32_t poll_events} at 32,
 * then 4 bytes of tail padding.
 *
 * <p>Stateless; the helpers touch only the segments they are given.
 */
final class NativeStructs {
    private NativeStructs() {}

    static final StructLayout TIMESPEC = MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec"));

    /** {@code struct stat}, 144 bytes. */
    static final StructLayout STAT = MemoryLayout.structLayout(
            JAVA_LONG.withName("st_dev"), JAVA_LONG.withName("st_ino"), JAVA_LONG.withName("st_nlink"),
            JAVA_INT.withName("st_mode"), JAVA_INT.withName("st_uid"), JAVA_INT.withName("st_gid"),
            JAVA_INT.withName("__pad0"), JAVA_LONG.withName("st_rdev"), JAVA_LONG.withName("st_size"),
            JAVA_LONG.withName("st_blksize"), JAVA_LONG.withName("st_blocks"),
            TIMESPEC.withName("st_atim"), TIMESPEC.withName("st_mtim"), TIMESPEC.withName("st_ctim"),
            MemoryLayout.sequenceLayout(3, JAVA_LONG).withName("__glibc_reserved"));

    /** {@code struct fuse_entry_param}, 176 bytes. */
    static final StructLayout ENTRY_PARAM = MemoryLayout.structLayout(
            JAVA_LONG.withName("ino"), JAVA_LONG.withName("generation"), STAT.withName("attr"),
            JAVA_DOUBLE.withName("attr_timeout"), JAVA_DOUBLE.withName("entry_timeout"));

    /** {@code struct fuse_file_info}, 40 bytes; the bitfield word is {@code bits}. */
    static final StructLayout FILE_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("flags"), JAVA_INT.withName("bits"), JAVA_INT.withName("padding2"),
            MemoryLayout.paddingLayout(4), JAVA_LONG.withName("fh"), JAVA_LONG.withName("lock_owner"),
            JAVA_INT.withName("poll_events"), MemoryLayout.paddingLayout(4));

    /** Bit positions in {@code fuse_file_info.bits}. */
    static final int FI_WRITEPAGE = 1, FI_DIRECT_IO = 1 << 1, FI_KEEP_CACHE = 1 << 2, FI_FLUSH = 1 << 3,
            FI_NONSEEKABLE = 1 << 4, FI_FLOCK_RELEASE = 1 << 5, FI_CACHE_READDIR = 1 << 6, FI_NOFLUSH = 1 << 7;

    /** {@code struct statvfs}, 112 bytes. */
    static final StructLayout STATVFS = MemoryLayout.structLayout(
            JAVA_LONG.withName("f_bsize"), JAVA_LONG.withName("f_frsize"), JAVA_LONG.withName("f_blocks"),
            JAVA_LONG.withName("f_bfree"), JAVA_LONG.withName("f_bavail"), JAVA_LONG.withName("f_files"),
            JAVA_LONG.withName("f_ffree"), JAVA_LONG.withName("f_favail"), JAVA_LONG.withName("f_fsid"),
            JAVA_LONG.withName("f_flag"), JAVA_LONG.withName("f_namemax"),
            MemoryLayout.sequenceLayout(6, JAVA_INT).withName("__f_spare"));

    /** {@code struct fuse_ctx}, 16 bytes. */
    static final StructLayout CTX = MemoryLayout.structLayout(
            JAVA_INT.withName("uid"), JAVA_INT.withName("gid"), JAVA_INT.withName("pid"), JAVA_INT.withName("umask"));

    /** {@code struct fuse_conn_info}, 128 bytes (32 unsigned ints, the last 22 reserved). */
    static final StructLayout CONN_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("proto_major"), JAVA_INT.withName("proto_minor"), JAVA_INT.withName("max_write"),
            JAVA_INT.withName("max_read"), JAVA_INT.withName("max_readahead"), JAVA_INT.withName("capable"),
            JAVA_INT.withName("want"), JAVA_INT.withName("max_background"),
            JAVA_INT.withName("congestion_threshold"), JAVA_INT.withName("time_gran"),
            MemoryLayout.sequenceLayout(22, JAVA_INT).withName("reserved"));

    /** {@code struct fuse_args}, 24 bytes. */
    static final StructLayout ARGS = MemoryLayout.structLayout(
            JAVA_INT.withName("argc"), MemoryLayout.paddingLayout(4), ADDRESS.withName("argv"),
            JAVA_INT.withName("allocated"), MemoryLayout.paddingLayout(4));

    /** {@code struct fuse_forget_data}, 16 bytes. */
    static final StructLayout FORGET_DATA = MemoryLayout.structLayout(
            JAVA_LONG.withName("ino"), JAVA_LONG.withName("nlookup"));

    static long offset(StructLayout layout, String... path) {
        MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[path.length];
        for (int i = 0; i < path.length; i++) elements[i] = groupElement(path[i]);
        return layout.byteOffset(elements);
    }

    private static final long ST_INO = offset(STAT, "st_ino"), ST_NLINK = offset(STAT, "st_nlink"),
            ST_MODE = offset(STAT, "st_mode"), ST_UID = offset(STAT, "st_uid"), ST_GID = offset(STAT, "st_gid"),
            ST_RDEV = offset(STAT, "st_rdev"), ST_SIZE = offset(STAT, "st_size"),
            ST_BLKSIZE = offset(STAT, "st_blksize"), ST_BLOCKS = offset(STAT, "st_blocks"),
            ST_ATIM = offset(STAT, "st_atim"), ST_MTIM = offset(STAT, "st_mtim"), ST_CTIM = offset(STAT, "st_ctim");

    /** Fills a zeroed {@code struct stat} from {@code a}. */
    static void writeStat(MemorySegment stat, Attributes a) {
        stat.set(JAVA_LONG, ST_INO, a.ino());
        stat.set(JAVA_LONG, ST_NLINK, a.nlink());
        stat.set(JAVA_INT, ST_MODE, a.mode());
        stat.set(JAVA_INT, ST_UID, a.uid());
        stat.set(JAVA_INT, ST_GID, a.gid());
        stat.set(JAVA_LONG, ST_RDEV, a.rdev());
        stat.set(JAVA_LONG, ST_SIZE, a.size());
        stat.set(JAVA_LONG, ST_BLKSIZE, a.blockSize());
        stat.set(JAVA_LONG, ST_BLOCKS, a.blocks());
        writeTime(stat, ST_ATIM, a.atime());
        writeTime(stat, ST_MTIM, a.mtime());
        writeTime(stat, ST_CTIM, a.ctime());
    }

    /** Fills the type bits and inode number of a zeroed {@code struct stat}, all readdir uses. */
    static void writeStatTypeOnly(MemorySegment stat, long ino, int mode) {
        stat.set(JAVA_LONG, ST_INO, ino);
        stat.set(JAVA_INT, ST_MODE, mode);
    }

    static int statMode(MemorySegment stat) {
        return stat.get(JAVA_INT, ST_MODE);
    }

    static int statUid(MemorySegment stat) {
        return stat.get(JAVA_INT, ST_UID);
    }

    static int statGid(MemorySegment stat) {
        return stat.get(JAVA_INT, ST_GID);
    }

    static long statSize(MemorySegment stat) {
        return stat.get(JAVA_LONG, ST_SIZE);
    }

    static Instant statAtime(MemorySegment stat) {
        return readTime(stat, ST_ATIM);
    }

    static Instant statMtime(MemorySegment stat) {
        return readTime(stat, ST_MTIM);
    }

    static Instant statCtime(MemorySegment stat) {
        return readTime(stat, ST_CTIM);
    }

    private static void writeTime(MemorySegment s, long at, Instant t) {
        s.set(JAVA_LONG, at, t.getEpochSecond());
        s.set(JAVA_LONG, at + 8, t.getNano());
    }

    private static Instant readTime(MemorySegment s, long at) {
        return Instant.ofEpochSecond(s.get(JAVA_LONG, at), s.get(JAVA_LONG, at + 8));
    }

    private static final long EP_INO = offset(ENTRY_PARAM, "ino"), EP_GEN = offset(ENTRY_PARAM, "generation"),
            EP_ATTR = offset(ENTRY_PARAM, "attr"), EP_ATTR_TIMEOUT = offset(ENTRY_PARAM, "attr_timeout"),
            EP_ENTRY_TIMEOUT = offset(ENTRY_PARAM, "entry_timeout");

    /** Fills a zeroed {@code struct fuse_entry_param}. */
    static void writeEntry(MemorySegment ep, Entry e, double attrTimeout, double entryTimeout) {
        ep.set(JAVA_LONG, EP_INO, e.ino());
        ep.set(JAVA_LONG, EP_GEN, e.generation());
        writeStat(ep.asSlice(EP_ATTR, STAT.byteSize()), e.attributes());
        ep.set(JAVA_DOUBLE, EP_ATTR_TIMEOUT, attrTimeout);
        ep.set(JAVA_DOUBLE, EP_ENTRY_TIMEOUT, entryTimeout);
    }

    private static final long FI_FLAGS_AT = offset(FILE_INFO, "flags"), FI_BITS_AT = offset(FILE_INFO, "bits"),
            FI_FH_AT = offset(FILE_INFO, "fh"), FI_LOCK_OWNER_AT = offset(FILE_INFO, "lock_owner");

    static int fileInfoFlags(MemorySegment fi) {
        return fi.get(JAVA_INT, FI_FLAGS_AT);
    }

    static int fileInfoBits(MemorySegment fi) {
        return fi.get(JAVA_INT, FI_BITS_AT);
    }

    static long fileInfoFh(MemorySegment fi) {
        return fi.get(JAVA_LONG, FI_FH_AT);
    }

    static long fileInfoLockOwner(MemorySegment fi) {
        return fi.get(JAVA_LONG, FI_LOCK_OWNER_AT);
    }

    /**
     * Stores an open result into the {@code fuse_file_info} libfuse passed to open, opendir or
     * create: {@code fh} and the per-open bits; the other bits (and flags) are kept.
     */
    static void writeOpenResult(MemorySegment fi, OpenResult r) {
        int mask = FI_DIRECT_IO | FI_KEEP_CACHE | FI_NONSEEKABLE | FI_CACHE_READDIR | FI_NOFLUSH;
        int bits = fileInfoBits(fi) & ~mask;
        if (r.directIo()) bits |= FI_DIRECT_IO;
        if (r.keepCache()) bits |= FI_KEEP_CACHE;
        if (r.nonSeekable()) bits |= FI_NONSEEKABLE;
        if (r.cacheReaddir()) bits |= FI_CACHE_READDIR;
        if (r.noFlush()) bits |= FI_NOFLUSH;
        fi.set(JAVA_INT, FI_BITS_AT, bits);
        fi.set(JAVA_LONG, FI_FH_AT, r.fh());
    }

    /** Fills a zeroed {@code struct statvfs}. */
    static void writeStatvfs(MemorySegment s, StatFs f) {
        s.set(JAVA_LONG, offset(STATVFS, "f_bsize"), f.blockSize());
        s.set(JAVA_LONG, offset(STATVFS, "f_frsize"), f.fragmentSize());
        s.set(JAVA_LONG, offset(STATVFS, "f_blocks"), f.blocks());
        s.set(JAVA_LONG, offset(STATVFS, "f_bfree"), f.blocksFree());
        s.set(JAVA_LONG, offset(STATVFS, "f_bavail"), f.blocksAvailable());
        s.set(JAVA_LONG, offset(STATVFS, "f_files"), f.files());
        s.set(JAVA_LONG, offset(STATVFS, "f_ffree"), f.filesFree());
        s.set(JAVA_LONG, offset(STATVFS, "f_favail"), f.filesFree());
        s.set(JAVA_LONG, offset(STATVFS, "f_namemax"), f.nameMax());
    }

    /** {@code fuse_ctx} offsets, resolved once: the context is read for every request. */
    private static final long CTX_UID = offset(CTX, "uid"), CTX_GID = offset(CTX, "gid"), CTX_PID = offset(CTX, "pid"),
            CTX_UMASK = offset(CTX, "umask");

    static Request readContext(MemorySegment ctx) {
        return new Request(ctx.get(JAVA_INT, CTX_UID), ctx.get(JAVA_INT, CTX_GID), ctx.get(JAVA_INT, CTX_PID),
                ctx.get(JAVA_INT, CTX_UMASK));
    }

    static ConnectionInfo readConnection(MemorySegment conn) {
        return new ConnectionInfo(connInt(conn, "proto_major"), connInt(conn, "proto_minor"),
                connInt(conn, "max_write"), connInt(conn, "max_read"), connInt(conn, "max_readahead"),
                connInt(conn, "capable"), connInt(conn, "want"));
    }

    private static int connInt(MemorySegment conn, String field) {
        return conn.get(JAVA_INT, offset(CONN_INFO, field));
    }
}
