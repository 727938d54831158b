package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/**
 * System calls that {@code java.nio} does not offer, for tests: renameat2, lseek with
 * SEEK_DATA/SEEK_HOLE, copy_file_range. Each returns the call's result, or minus errno.
 */
@SuppressWarnings("restricted") // test-only downcalls to libc
final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_VALUE = Linker.Option.captureStateLayout()
            .varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle RENAMEAT2 = handle("renameat2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle LSEEK = handle("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle COPY_FILE_RANGE = handle("copy_file_range",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    static final int AT_FDCWD = -100, RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, O_RDONLY = 0, O_WRONLY = 1,
            SEEK_DATA = 3, SEEK_HOLE = 4;

    private Libc() {}

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), fd, ERRNO);
    }

    private static long result(long rc, MemorySegment state) {
        return rc >= 0 ? rc : -(int) ERRNO_VALUE.get(state, 0L);
    }

    static int renameat2(Path from, Path to, int flags) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            int rc = (int) RENAMEAT2.invokeExact(state, AT_FDCWD, a.allocateFrom(from.toString()), AT_FDCWD,
                    a.allocateFrom(to.toString()), flags);
            return (int) result(rc, state);
        }
    }

    static int open(Path p, int flags) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            return (int) result((int) OPEN.invokeExact(state, a.allocateFrom(p.toString()), flags), state);
        }
    }

    static void close(int fd) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) CLOSE.invokeExact(a.allocate(Linker.Option.captureStateLayout()), fd);
            if (rc != 0) throw new IllegalStateException("close " + fd);
        }
    }

    static long lseek(int fd, long offset, int whence) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            return result((long) LSEEK.invokeExact(state, fd, offset, whence), state);
        }
    }

    static long copyFileRange(int in, int out, long length) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment state = a.allocate(Linker.Option.captureStateLayout());
            long rc = (long) COPY_FILE_RANGE.invokeExact(state, in, MemorySegment.NULL, out, MemorySegment.NULL, length, 0);
            return result(rc, state);
        }
    }
}
