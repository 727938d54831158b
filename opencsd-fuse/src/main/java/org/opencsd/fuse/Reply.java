package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The single reply to one request ({@code fuse_req_t}). Every {@code fuse_reply_*} call frees
 * the request inside libfuse, so each method marks the reply {@link #sent()} <em>before</em> the
 * call and the dispatcher never replies twice. Each method returns libfuse's result: 0, or a
 * negative errno when the reply could not be delivered (typically -ENOENT: the request was
 * interrupted and the kernel no longer waits for it).
 *
 * <p>Confined to the thread serving the request.
 */
final class Reply {
    private final MemorySegment req;
    private final Arena arena;
    private boolean sent;

    /** The reply to {@code req}; {@code arena} holds reply structs (null if the reply needs none, e.g. write's). */
    Reply(MemorySegment req, Arena arena) {
        this.req = req;
        this.arena = arena;
    }

    boolean sent() {
        return sent;
    }

    private MemorySegment take() {
        if (sent) throw new IllegalStateException("request already answered");
        sent = true;
        return req;
    }

    int err(Errno errno) throws Throwable {
        return (int) LibFuse.REPLY_ERR.invokeExact(take(), errno.code());
    }

    /** The reply to a successful operation that returns no data. */
    int ok() throws Throwable {
        return (int) LibFuse.REPLY_ERR.invokeExact(take(), 0);
    }

    void none() throws Throwable {
        LibFuse.REPLY_NONE.invokeExact(take());
    }

    int entry(Entry e, double attrTimeout, double entryTimeout) throws Throwable {
        MemorySegment ep = arena.allocate(NativeStructs.ENTRY_PARAM);
        NativeStructs.writeEntry(ep, e, attrTimeout, entryTimeout);
        return (int) LibFuse.REPLY_ENTRY.invokeExact(take(), ep);
    }

    int create(CreateResult c, MemorySegment fi, double attrTimeout, double entryTimeout) throws Throwable {
        MemorySegment ep = arena.allocate(NativeStructs.ENTRY_PARAM);
        NativeStructs.writeEntry(ep, c.entry(), attrTimeout, entryTimeout);
        NativeStructs.writeOpenResult(fi, c.open());
        return (int) LibFuse.REPLY_CREATE.invokeExact(take(), ep, fi);
    }

    int attr(Attributes a, double attrTimeout) throws Throwable {
        MemorySegment stat = arena.allocate(NativeStructs.STAT);
        NativeStructs.writeStat(stat, a);
        return (int) LibFuse.REPLY_ATTR.invokeExact(take(), stat, attrTimeout);
    }

    int readlink(String target) throws Throwable {
        MemorySegment s = CStrings.allocate(arena, target);
        return (int) LibFuse.REPLY_READLINK.invokeExact(take(), s);
    }

    int open(OpenResult r, MemorySegment fi) throws Throwable {
        NativeStructs.writeOpenResult(fi, r);
        return (int) LibFuse.REPLY_OPEN.invokeExact(take(), fi);
    }

    int write(long count) throws Throwable {
        return (int) LibFuse.REPLY_WRITE.invokeExact(take(), count);
    }

    int buf(MemorySegment data, long size) throws Throwable {
        return (int) LibFuse.REPLY_BUF.invokeExact(take(), data, size);
    }

    int bytes(byte[] data) throws Throwable {
        MemorySegment s = arena.allocate(Math.max(1, data.length));
        MemorySegment.copy(data, 0, s, JAVA_BYTE, 0, data.length);
        return buf(s, data.length);
    }

    int statfs(StatFs f) throws Throwable {
        MemorySegment s = arena.allocate(NativeStructs.STATVFS);
        NativeStructs.writeStatvfs(s, f);
        return (int) LibFuse.REPLY_STATFS.invokeExact(take(), s);
    }

    int xattrSize(long size) throws Throwable {
        return (int) LibFuse.REPLY_XATTR.invokeExact(take(), size);
    }

    int lseek(long offset) throws Throwable {
        return (int) LibFuse.REPLY_LSEEK.invokeExact(take(), offset);
    }
}
