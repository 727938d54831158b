package org.opencsd.zns;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Deallocates byte ranges of an image file with Linux's
 * {@code fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length)}, called
 * through {@code java.lang.foreign} (the JDK has no API for it). A zone reset then frees the
 * zone's blocks in one system call instead of writing zeroes over every byte written to it;
 * the range reads as zeroes afterwards either way, and the file keeps its size.
 *
 * <p>The file gets its own descriptor ({@code open(2)} with {@code O_RDWR}), closed by
 * {@link #close()}. {@link #open} is empty where this cannot work (no libc symbols, the file
 * cannot be opened); {@link #punch} returns {@code false} when the file system refuses hole
 * punching (e.g. {@code EOPNOTSUPP}), and the caller then writes zeroes.
 *
 * <p>Thread-safety: {@link #punch} may be called concurrently; {@link #close()} must not race it.
 */
final class HolePunch implements AutoCloseable {
    private static final int O_RDWR = 2;
    private static final int O_CLOEXEC = 0x80000;
    private static final int FALLOC_FL_KEEP_SIZE = 1;
    private static final int FALLOC_FL_PUNCH_HOLE = 2;
    private static final Natives NATIVES = Natives.load();

    private final int fd;

    private HolePunch(int fd) {
        this.fd = fd;
    }

    /** A hole puncher for {@code file}, or empty when the platform or the file does not allow one. */
    static Optional<HolePunch> open(Path file) {
        if (NATIVES == null) return Optional.empty();
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) NATIVES.open.invokeExact(arena.allocateFrom(file.toAbsolutePath().toString()), O_RDWR | O_CLOEXEC);
            return fd < 0 ? Optional.empty() : Optional.of(new HolePunch(fd));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /**
     * Frees bytes {@code [offset, offset + length)} of the file, which then read as zeroes.
     *
     * @return false if the file system does not support it (nothing was changed)
     */
    boolean punch(long offset, long length) {
        if (length <= 0) return true;
        try {
            return (int) NATIVES.fallocate.invokeExact(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            int ignored = (int) NATIVES.close.invokeExact(fd);
        } catch (Throwable t) {
            // nothing left to release
        }
    }

    /** The three libc functions, or null when they cannot be linked. */
    private record Natives(MethodHandle open, MethodHandle fallocate, MethodHandle close) {
        static Natives load() {
            try {
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                return new Natives(
                        linker.downcallHandle(libc.findOrThrow("open"),
                                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT)),
                        linker.downcallHandle(libc.findOrThrow("fallocate"), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG)),
                        linker.downcallHandle(libc.findOrThrow("close"),
                                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }
}
