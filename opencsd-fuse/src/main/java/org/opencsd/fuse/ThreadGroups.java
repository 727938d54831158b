package org.opencsd.fuse;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process (thread group) a kernel task id belongs to. Every write through the mount asks this
 * (per-process offload scope), so the common case is made cheap: a task that is a thread-group
 * leader (every single-threaded program, and the main thread of any other) is its own process,
 * which one {@code pidfd_open(tid, 0)} proves: Linux refuses a pidfd without
 * {@code PIDFD_THREAD} for a task that is not a thread-group leader. That costs two system calls
 * instead of reading and parsing {@code /proc/TID/status} (about 25 us on the development
 * machine); any other task, or a kernel without {@code pidfd_open}, falls back to that file.
 * Either way the answer is exact at the moment of the call.
 *
 * <p>Stateless and thread-safe.
 */
@SuppressWarnings("restricted") // a system call through the C library
final class ThreadGroups {
    private static final long SYS_PIDFD_OPEN = 434; // x86-64 (and the generic table)
    private static final MethodHandle SYSCALL = handle("syscall",
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private ThreadGroups() {}

    /** The thread group id of task {@code tid}; empty when it is not positive or the task is gone. */
    static OptionalLong of(int tid) {
        if (tid <= 0) return OptionalLong.empty();
        if (isLeader(tid)) return OptionalLong.of(tid);
        return fromProc(tid);
    }

    /** True when {@code tid} is a live thread-group leader; false when not or unknown. */
    private static boolean isLeader(int tid) {
        if (SYSCALL == null || CLOSE == null) return false;
        try {
            long fd = (long) SYSCALL.invokeExact(SYS_PIDFD_OPEN, (long) tid, 0L);
            if (fd < 0) return false;
            int ignored = (int) CLOSE.invokeExact((int) fd); // the pidfd existed: tid led its group then
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    private static OptionalLong fromProc(int tid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(tid), "status"))) {
                if (line.startsWith("Tgid:")) return OptionalLong.of(Long.parseLong(line.substring(5).trim()));
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException gone) {
            return OptionalLong.empty();
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... options) {
        Linker linker = Linker.nativeLinker();
        return linker.defaultLookup().find(name).map(s -> linker.downcallHandle(s, fd, options)).orElse(null);
    }
}
