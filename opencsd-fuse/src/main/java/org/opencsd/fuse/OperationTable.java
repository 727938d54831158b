package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Builds libfuse 3.14's {@code struct fuse_lowlevel_ops}: 44 function pointers in declaration
 * order (352 bytes on x86-64), each served operation an upcall stub into {@link Dispatcher}, the
 * others NULL (getlk, setlk, bmap, ioctl, poll, write_buf, retrieve_reply, flock: the kernel then
 * uses its own local locking, and ioctl fails with ENOTTY). readdirplus is filled only when the
 * mount asks for it, because libfuse turns FUSE_CAP_READDIRPLUS on whenever the pointer is set.
 *
 * <p>C types map to carriers as: {@code fuse_req_t}, pointers, strings: ADDRESS;
 * {@code fuse_ino_t}, {@code uint64_t}, {@code size_t}, {@code off_t}, {@code dev_t}: JAVA_LONG;
 * {@code int}, {@code unsigned}, {@code mode_t}: JAVA_INT.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
final class OperationTable {
    /** Number of members of {@code struct fuse_lowlevel_ops} in libfuse 3.14. */
    static final int SLOTS = 44;

    /** One served member: its index in the struct, its C name, the dispatcher method, the C signature. */
    record Slot(int index, String cName, String method, FunctionDescriptor descriptor) {}

    private static final MemoryLayout A = ADDRESS, L = JAVA_LONG, I = JAVA_INT;

    static final List<Slot> SLOTS_SERVED = List.of(
            new Slot(0, "init", "init", FunctionDescriptor.ofVoid(A, A)),
            new Slot(1, "destroy", "destroy", FunctionDescriptor.ofVoid(A)),
            new Slot(2, "lookup", "lookup", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(3, "forget", "forget", FunctionDescriptor.ofVoid(A, L, L)),
            new Slot(4, "getattr", "getattr", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(5, "setattr", "setattr", FunctionDescriptor.ofVoid(A, L, A, I, A)),
            new Slot(6, "readlink", "readlink", FunctionDescriptor.ofVoid(A, L)),
            new Slot(7, "mknod", "mknod", FunctionDescriptor.ofVoid(A, L, A, I, L)),
            new Slot(8, "mkdir", "mkdir", FunctionDescriptor.ofVoid(A, L, A, I)),
            new Slot(9, "unlink", "unlink", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(10, "rmdir", "rmdir", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(11, "symlink", "symlink", FunctionDescriptor.ofVoid(A, A, L, A)),
            new Slot(12, "rename", "rename", FunctionDescriptor.ofVoid(A, L, A, L, A, I)),
            new Slot(13, "link", "link", FunctionDescriptor.ofVoid(A, L, L, A)),
            new Slot(14, "open", "open", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(15, "read", "read", FunctionDescriptor.ofVoid(A, L, L, L, A)),
            new Slot(16, "write", "write", FunctionDescriptor.ofVoid(A, L, A, L, L, A)),
            new Slot(17, "flush", "flush", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(18, "release", "release", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(19, "fsync", "fsync", FunctionDescriptor.ofVoid(A, L, I, A)),
            new Slot(20, "opendir", "opendir", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(21, "readdir", "readdir", FunctionDescriptor.ofVoid(A, L, L, L, A)),
            new Slot(22, "releasedir", "releasedir", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(23, "fsyncdir", "fsyncdir", FunctionDescriptor.ofVoid(A, L, I, A)),
            new Slot(24, "statfs", "statfs", FunctionDescriptor.ofVoid(A, L)),
            new Slot(25, "setxattr", "setxattr", FunctionDescriptor.ofVoid(A, L, A, A, L, I)),
            new Slot(26, "getxattr", "getxattr", FunctionDescriptor.ofVoid(A, L, A, L)),
            new Slot(27, "listxattr", "listxattr", FunctionDescriptor.ofVoid(A, L, L)),
            new Slot(28, "removexattr", "removexattr", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(29, "access", "access", FunctionDescriptor.ofVoid(A, L, I)),
            new Slot(30, "create", "create", FunctionDescriptor.ofVoid(A, L, A, I, A)),
            new Slot(38, "forget_multi", "forgetMulti", FunctionDescriptor.ofVoid(A, L, A)),
            new Slot(40, "fallocate", "fallocate", FunctionDescriptor.ofVoid(A, L, I, L, L, A)),
            new Slot(42, "copy_file_range", "copyFileRange", FunctionDescriptor.ofVoid(A, L, L, A, L, L, A, L, I)),
            new Slot(43, "lseek", "lseek", FunctionDescriptor.ofVoid(A, L, L, I, A)));

    static final Slot READDIRPLUS = new Slot(41, "readdirplus", "readdirplus", FunctionDescriptor.ofVoid(A, L, L, L, A));

    private OperationTable() {}

    /**
     * Allocates the table and its upcall stubs in {@code arena}, which must outlive the session
     * (stubs are freed when it closes).
     */
    static MemorySegment build(Arena arena, Dispatcher dispatcher, boolean readdirPlus) {
        MemorySegment ops = arena.allocate(ADDRESS.byteSize() * SLOTS, ADDRESS.byteAlignment());
        for (Slot slot : SLOTS_SERVED) install(ops, arena, dispatcher, slot);
        if (readdirPlus) install(ops, arena, dispatcher, READDIRPLUS);
        return ops;
    }

    private static void install(MemorySegment ops, Arena arena, Dispatcher dispatcher, Slot slot) {
        try {
            MethodHandle target = MethodHandles.lookup()
                    .findVirtual(Dispatcher.class, slot.method(), slot.descriptor().toMethodType())
                    .bindTo(dispatcher);
            MemorySegment stub = LibFuse.linker().upcallStub(target, slot.descriptor(), arena);
            ops.setAtIndex(ADDRESS, slot.index(), stub);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no dispatcher method for " + slot, e);
        }
    }
}
