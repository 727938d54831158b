package org.opencsd.fuse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The reply buffer of one readdir or readdirplus request, filled with libfuse's
 * {@code fuse_add_direntry} / {@code fuse_add_direntry_plus}: each call reports the size an
 * entry needs and writes it only when it fits, so an entry is either wholly in the buffer or not
 * at all. Confined to the thread serving the request.
 */
final class DirectoryBuffer implements DirectoryFiller, DirectoryPlusFiller {
    private final MemorySegment req;
    private final Arena arena;
    private final MemorySegment buffer;
    private final MemorySegment scratchStat;
    private final double attrTimeout;
    private final double entryTimeout;
    private long used;
    private boolean full;
    private ErrnoException badName;

    DirectoryBuffer(MemorySegment req, Arena arena, long size, double attrTimeout, double entryTimeout) {
        this.req = req;
        this.arena = arena;
        this.buffer = arena.allocate(Math.max(1, size));
        this.scratchStat = arena.allocate(NativeStructs.STAT);
        this.attrTimeout = attrTimeout;
        this.entryTimeout = entryTimeout;
    }

    @Override
    public boolean add(String name, long ino, int mode, long nextOffset) {
        if (full) return false;
        MemorySegment cName = cName(name);
        if (cName == null) return false;
        scratchStat.fill((byte) 0);
        NativeStructs.writeStatTypeOnly(scratchStat, ino, mode);
        return append(invoke(LibFuse.ADD_DIRENTRY, cName, scratchStat, nextOffset));
    }

    @Override
    public boolean add(String name, Entry entry, long nextOffset) {
        if (full) return false;
        MemorySegment cName = cName(name);
        if (cName == null) return false;
        MemorySegment ep = arena.allocate(NativeStructs.ENTRY_PARAM);
        NativeStructs.writeEntry(ep, entry, attrTimeout, entryTimeout);
        return append(invoke(LibFuse.ADD_DIRENTRY_PLUS, cName, ep, nextOffset));
    }

    /** Calls an add function on the free part of the buffer; returns the size the entry needs. */
    private long invoke(MethodHandle add, MemorySegment cName, MemorySegment attributes, long nextOffset) {
        try {
            return (long) add.invokeExact(req, buffer.asSlice(used), buffer.byteSize() - used, cName, attributes, nextOffset);
        } catch (Throwable t) {
            throw new IllegalStateException("fuse_add_direntry failed", t);
        }
    }

    private boolean append(long needed) {
        if (needed > buffer.byteSize() - used) {
            full = true;
            return false;
        }
        used += needed;
        return true;
    }

    private MemorySegment cName(String name) {
        try {
            return CStrings.allocate(arena, name);
        } catch (ErrnoException e) {
            badName = e;
            full = true;
            return null;
        }
    }

    /** Fails with the first bad name a filesystem tried to add (a filesystem bug: EIO-worthy). */
    void checkNames() {
        if (badName != null) throw new IllegalStateException("readdir entry name with NUL", badName);
    }

    MemorySegment buffer() {
        return buffer;
    }

    long used() {
        return used;
    }
}
