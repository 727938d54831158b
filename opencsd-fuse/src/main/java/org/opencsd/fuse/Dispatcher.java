package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.OptionalLong;

/**
 * The targets of libfuse's upcalls: one method per {@code fuse_lowlevel_ops} member, with the C
 * signature's Java carrier types ({@link OperationTable} lists the descriptors). Each method
 * decodes its arguments, calls the {@link LowLevelFileSystem}, and answers the request exactly
 * once.
 *
 * <p><b>No exception escapes into native code</b> (the JVM would abort): {@link #serve} catches
 * every {@link Throwable}, maps it with {@link ErrnoMapping}, logs the unexpected ones, and
 * replies with the errno if nothing was sent yet. Native memory of a request lives in a confined
 * arena closed when the upcall returns, so nothing leaks per request.
 *
 * <p>Thread-safe: holds only immutable state; libfuse calls it from its worker threads at once.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
final class Dispatcher {
    static final System.Logger LOG = System.getLogger("org.opencsd.fuse");

    private final LowLevelFileSystem fs;
    private final double attrTimeout;
    private final double entryTimeout;
    private final Runnable afterInit;
    private final RequestCounts counts;
    private final KernelCache kernelCache;

    /**
     * A dispatcher to {@code fs}; {@code afterInit} runs once the filesystem's init returned;
     * every request served is counted in {@code counts}; the filesystem's init receives
     * {@code kernelCache}.
     */
    Dispatcher(LowLevelFileSystem fs, MountOptions options, Runnable afterInit, RequestCounts counts,
               KernelCache kernelCache) {
        this.fs = fs;
        this.kernelCache = kernelCache;
        this.counts = counts;
        this.afterInit = afterInit;
        this.attrTimeout = options.attrTimeout().toNanos() / 1e9;
        this.entryTimeout = options.entryTimeout().toNanos() / 1e9;
    }

    /** One operation's work, given the caller, a per-request arena and the reply. */
    @FunctionalInterface
    interface Operation {
        void run(Request request, Arena arena, Reply reply) throws Throwable;
    }

    /** Runs {@code op} for request {@code req}, catching everything; see the class comment. */
    void serve(String name, MemorySegment req, long ino, Operation op) {
        counts.count(name);
        long start = LOG.isLoggable(Level.DEBUG) ? System.nanoTime() : 0;
        Request request = null;
        try (Arena arena = Arena.ofConfined()) {
            Reply reply = new Reply(req, arena);
            try {
                request = context(req);
                op.run(request, arena, reply);
                trace(name, ino, request, "ok", start);
            } catch (Throwable failure) {
                fail(name, ino, request, reply, failure, start);
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "fuse " + name + ": " + t, t);
        }
    }

    private void fail(String name, long ino, Request request, Reply reply, Throwable failure, long start) {
        ErrnoMapping.Mapped mapped = ErrnoMapping.map(failure);
        if (!mapped.expected()) LOG.log(Level.ERROR, "fuse " + name + " ino " + ino + " failed: " + failure, failure);
        trace(name, ino, request, mapped.errno().name() + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")"), start);
        if (reply.sent()) return;
        try {
            reply.err(mapped.errno());
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "fuse " + name + ": reply failed: " + t, t);
        }
    }

    private static void trace(String name, long ino, Request request, String outcome, long start) {
        if (!LOG.isLoggable(Level.DEBUG)) return;
        long micros = (System.nanoTime() - start) / 1000;
        String who = request == null ? "" : " pid " + request.pid() + " uid " + request.uid();
        LOG.log(Level.DEBUG, "fuse " + name + " ino " + ino + who + ": " + outcome + " (" + micros + " us)");
    }

    private static Request context(MemorySegment req) throws Throwable {
        MemorySegment ctx = (MemorySegment) LibFuse.REQ_CTX.invokeExact(req);
        return NativeStructs.readContext(ctx.reinterpret(NativeStructs.CTX.byteSize()));
    }

    private static MemorySegment fileInfo(MemorySegment fi) {
        return fi.reinterpret(NativeStructs.FILE_INFO.byteSize());
    }

    private static long fh(MemorySegment fi) {
        return NativeStructs.fileInfoFh(fileInfo(fi));
    }

    private static OptionalLong optionalFh(MemorySegment fi) {
        return fi.equals(MemorySegment.NULL) ? OptionalLong.empty() : OptionalLong.of(fh(fi));
    }

    private static OpenFlags flags(MemorySegment fi) {
        return new OpenFlags(NativeStructs.fileInfoFlags(fileInfo(fi)));
    }

    /** Replies with an entry; if the kernel did not take it, gives the lookup back. */
    private void replyEntry(Reply reply, Entry e) throws Throwable {
        if (reply.entry(e, attrTimeout, entryTimeout) != 0) fs.forget(e.ino(), 1);
    }

    // ---- lifecycle (no request) -------------------------------------------------------------

    void init(MemorySegment userdata, MemorySegment conn) {
        try {
            ConnectionInfo info = NativeStructs.readConnection(conn.reinterpret(NativeStructs.CONN_INFO.byteSize()));
            LOG.log(Level.DEBUG, "fuse init: " + info);
            fs.init(info, kernelCache);
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "fuse init failed: " + t, t);
        } finally {
            afterInit.run();
        }
    }

    void destroy(MemorySegment userdata) {
        try {
            fs.destroy();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "fuse destroy failed: " + t, t);
        }
    }

    // ---- names and inodes -------------------------------------------------------------------

    void lookup(MemorySegment req, long parent, MemorySegment name) {
        serve("lookup", req, parent, (r, a, reply) -> replyEntry(reply, fs.lookup(r, parent, CStrings.read(name))));
    }

    void forget(MemorySegment req, long ino, long nlookup) {
        serve("forget", req, ino, (r, a, reply) -> {
            try {
                fs.forget(ino, nlookup);
            } finally {
                reply.none();
            }
        });
    }

    void forgetMulti(MemorySegment req, long count, MemorySegment forgets) {
        serve("forget_multi", req, 0, (r, a, reply) -> {
            try {
                MemorySegment all = forgets.reinterpret(count * NativeStructs.FORGET_DATA.byteSize());
                for (long i = 0; i < count; i++) {
                    long at = i * NativeStructs.FORGET_DATA.byteSize();
                    fs.forget(all.get(JAVA_LONG, at), all.get(JAVA_LONG, at + 8));
                }
            } finally {
                reply.none();
            }
        });
    }

    void getattr(MemorySegment req, long ino, MemorySegment fi) {
        serve("getattr", req, ino, (r, a, reply) -> reply.attr(fs.getattr(r, ino, optionalFh(fi)), attrTimeout));
    }

    void setattr(MemorySegment req, long ino, MemorySegment attr, int toSet, MemorySegment fi) {
        serve("setattr", req, ino, (r, a, reply) -> {
            SetAttributes changes = SetAttrDecoder.decode(attr.reinterpret(NativeStructs.STAT.byteSize()), toSet, optionalFh(fi));
            reply.attr(fs.setattr(r, ino, changes), attrTimeout);
        });
    }

    void readlink(MemorySegment req, long ino) {
        serve("readlink", req, ino, (r, a, reply) -> reply.readlink(fs.readlink(r, ino)));
    }

    void mknod(MemorySegment req, long parent, MemorySegment name, int mode, long rdev) {
        serve("mknod", req, parent, (r, a, reply) -> replyEntry(reply, fs.mknod(r, parent, CStrings.read(name), mode, rdev)));
    }

    void mkdir(MemorySegment req, long parent, MemorySegment name, int mode) {
        serve("mkdir", req, parent, (r, a, reply) -> replyEntry(reply, fs.mkdir(r, parent, CStrings.read(name), mode)));
    }

    void unlink(MemorySegment req, long parent, MemorySegment name) {
        serve("unlink", req, parent, (r, a, reply) -> {
            fs.unlink(r, parent, CStrings.read(name));
            reply.ok();
        });
    }

    void rmdir(MemorySegment req, long parent, MemorySegment name) {
        serve("rmdir", req, parent, (r, a, reply) -> {
            fs.rmdir(r, parent, CStrings.read(name));
            reply.ok();
        });
    }

    void symlink(MemorySegment req, MemorySegment link, long parent, MemorySegment name) {
        serve("symlink", req, parent, (r, a, reply) ->
                replyEntry(reply, fs.symlink(r, CStrings.read(link), parent, CStrings.read(name))));
    }

    void rename(MemorySegment req, long parent, MemorySegment name, long newParent, MemorySegment newName, int flags) {
        serve("rename", req, parent, (r, a, reply) -> {
            fs.rename(r, parent, CStrings.read(name), newParent, CStrings.read(newName), RenameFlag.decode(flags));
            reply.ok();
        });
    }

    void link(MemorySegment req, long ino, long newParent, MemorySegment newName) {
        serve("link", req, ino, (r, a, reply) -> replyEntry(reply, fs.link(r, ino, newParent, CStrings.read(newName))));
    }

    // ---- files ------------------------------------------------------------------------------

    void open(MemorySegment req, long ino, MemorySegment fi) {
        serve("open", req, ino, (r, a, reply) -> {
            OpenFlags flags = flags(fi);
            OpenResult result = fs.open(r, ino, flags);
            if (reply.open(result, fileInfo(fi)) != 0) fs.release(r, ino, result.fh(), flags);
        });
    }

    void read(MemorySegment req, long ino, long size, long offset, MemorySegment fi) {
        serve("read", req, ino, (r, a, reply) -> {
            MemorySegment data = ReadBuffers.forRead(size, a);
            ByteBuffer dst = data.asSlice(0, Math.max(1, size)).asByteBuffer().limit((int) size);
            fs.read(r, ino, fh(fi), offset, dst);
            reply.buf(data, Math.min(dst.position(), size));
        });
    }

    /**
     * write, the most frequent request of a write-heavy load: {@link #serve}'s contract, written
     * out without a lambda or a per-request arena (a write reply needs no native memory), so that
     * the JIT compiles it on its own instead of re-profiling the call site every operation shares.
     */
    void write(MemorySegment req, long ino, MemorySegment buf, long size, long offset, MemorySegment fi) {
        counts.count("write");
        long start = LOG.isLoggable(Level.DEBUG) ? System.nanoTime() : 0;
        Request request = null;
        Reply reply = new Reply(req, null);
        try {
            try {
                request = context(req);
                ByteBuffer src = buf.reinterpret(size).asByteBuffer().asReadOnlyBuffer();
                int written = fs.write(request, ino, fh(fi), offset, src);
                if (written < 0 || written > size) throw new IllegalStateException("write returned " + written + " of " + size);
                reply.write(written);
                trace("write", ino, request, "ok", start);
            } catch (Throwable failure) {
                fail("write", ino, request, reply, failure, start);
            }
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "fuse write: " + t, t);
        }
    }

    void flush(MemorySegment req, long ino, MemorySegment fi) {
        serve("flush", req, ino, (r, a, reply) -> {
            fs.flush(r, ino, fh(fi), NativeStructs.fileInfoLockOwner(fileInfo(fi)));
            reply.ok();
        });
    }

    void release(MemorySegment req, long ino, MemorySegment fi) {
        serve("release", req, ino, (r, a, reply) -> {
            fs.release(r, ino, fh(fi), flags(fi));
            reply.ok();
        });
    }

    void fsync(MemorySegment req, long ino, int datasync, MemorySegment fi) {
        serve("fsync", req, ino, (r, a, reply) -> {
            fs.fsync(r, ino, fh(fi), datasync != 0);
            reply.ok();
        });
    }

    void create(MemorySegment req, long parent, MemorySegment name, int mode, MemorySegment fi) {
        serve("create", req, parent, (r, a, reply) -> {
            OpenFlags flags = flags(fi);
            CreateResult c = fs.create(r, parent, CStrings.read(name), mode, flags);
            if (reply.create(c, fileInfo(fi), attrTimeout, entryTimeout) != 0) {
                fs.release(r, c.entry().ino(), c.open().fh(), flags);
                fs.forget(c.entry().ino(), 1);
            }
        });
    }

    void fallocate(MemorySegment req, long ino, int mode, long offset, long length, MemorySegment fi) {
        serve("fallocate", req, ino, (r, a, reply) -> {
            fs.fallocate(r, ino, fh(fi), FallocateFlag.decode(mode), offset, length);
            reply.ok();
        });
    }

    void lseek(MemorySegment req, long ino, long offset, int whence, MemorySegment fi) {
        serve("lseek", req, ino, (r, a, reply) -> reply.lseek(fs.lseek(r, ino, fh(fi), offset, SeekWhence.of(whence))));
    }

    void copyFileRange(MemorySegment req, long inIno, long inOffset, MemorySegment inFi, long outIno, long outOffset,
                       MemorySegment outFi, long length, int flags) {
        serve("copy_file_range", req, inIno, (r, a, reply) -> {
            if (flags != 0) throw new ErrnoException(Errno.EINVAL, "copy_file_range flags " + flags);
            reply.write(fs.copyFileRange(r, inIno, fh(inFi), inOffset, outIno, fh(outFi), outOffset, length));
        });
    }

    // ---- directories ------------------------------------------------------------------------

    void opendir(MemorySegment req, long ino, MemorySegment fi) {
        serve("opendir", req, ino, (r, a, reply) -> {
            OpenResult result = fs.opendir(r, ino, flags(fi));
            if (reply.open(result, fileInfo(fi)) != 0) fs.releasedir(r, ino, result.fh());
        });
    }

    void readdir(MemorySegment req, long ino, long size, long offset, MemorySegment fi) {
        serve("readdir", req, ino, (r, a, reply) -> {
            DirectoryBuffer buffer = new DirectoryBuffer(req, a, size, attrTimeout, entryTimeout);
            fs.readdir(r, ino, fh(fi), offset, buffer);
            buffer.checkNames();
            reply.buf(buffer.buffer(), buffer.used());
        });
    }

    void readdirplus(MemorySegment req, long ino, long size, long offset, MemorySegment fi) {
        serve("readdirplus", req, ino, (r, a, reply) -> {
            DirectoryBuffer buffer = new DirectoryBuffer(req, a, size, attrTimeout, entryTimeout);
            fs.readdirplus(r, ino, fh(fi), offset, buffer);
            buffer.checkNames();
            reply.buf(buffer.buffer(), buffer.used());
        });
    }

    void releasedir(MemorySegment req, long ino, MemorySegment fi) {
        serve("releasedir", req, ino, (r, a, reply) -> {
            fs.releasedir(r, ino, fh(fi));
            reply.ok();
        });
    }

    void fsyncdir(MemorySegment req, long ino, int datasync, MemorySegment fi) {
        serve("fsyncdir", req, ino, (r, a, reply) -> {
            fs.fsyncdir(r, ino, fh(fi), datasync != 0);
            reply.ok();
        });
    }

    // ---- filesystem, attributes ------------------------------------------------------------

    void statfs(MemorySegment req, long ino) {
        serve("statfs", req, ino, (r, a, reply) -> reply.statfs(fs.statfs(r, ino)));
    }

    void access(MemorySegment req, long ino, int mask) {
        serve("access", req, ino, (r, a, reply) -> {
            fs.access(r, ino, mask);
            reply.ok();
        });
    }

    void setxattr(MemorySegment req, long ino, MemorySegment name, MemorySegment value, long size, int flags) {
        serve("setxattr", req, ino, (r, a, reply) -> {
            byte[] bytes = value.reinterpret(size).toArray(JAVA_BYTE);
            fs.setxattr(r, ino, CStrings.read(name), bytes, XattrSetMode.of(flags));
            reply.ok();
        });
    }

    void getxattr(MemorySegment req, long ino, MemorySegment name, long size) {
        serve("getxattr", req, ino, (r, a, reply) -> sized(reply, fs.getxattr(r, ino, CStrings.read(name)), size));
    }

    void listxattr(MemorySegment req, long ino, long size) {
        serve("listxattr", req, ino, (r, a, reply) -> sized(reply, XattrNames.encode(fs.listxattr(r, ino)), size));
    }

    void removexattr(MemorySegment req, long ino, MemorySegment name) {
        serve("removexattr", req, ino, (r, a, reply) -> {
            fs.removexattr(r, ino, CStrings.read(name));
            reply.ok();
        });
    }

    /** The xattr size protocol: size 0 asks for the length; a too-small buffer is ERANGE. */
    private static void sized(Reply reply, byte[] value, long size) throws Throwable {
        if (size == 0) {
            reply.xattrSize(value.length);
        } else if (value.length > size) {
            throw new ErrnoException(Errno.ERANGE, value.length + " bytes do not fit in " + size);
        } else {
            reply.bytes(value);
        }
    }
}
