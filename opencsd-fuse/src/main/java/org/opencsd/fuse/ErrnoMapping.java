package org.opencsd.fuse;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * The one place where an exception thrown by a filesystem operation becomes an errno.
 *
 * <ul>
 *   <li>{@link ErrnoException}: its errno, <em>expected</em> (not logged);
 *   <li>the {@code java.nio.file} exceptions with a POSIX meaning: NoSuchFile ENOENT,
 *       FileAlreadyExists EEXIST, DirectoryNotEmpty ENOTEMPTY, NotDirectory ENOTDIR,
 *       AccessDenied EACCES, NotLink EINVAL, ReadOnlyFileSystem EROFS (expected);
 *   <li>{@link UnsupportedOperationException}: ENOSYS (expected; the kernel then stops sending
 *       that operation, or falls back, as for a C filesystem that leaves it unimplemented);
 *   <li>{@link UncheckedIOException}: the mapping of its cause;
 *   <li>{@link OutOfMemoryError}: ENOMEM, and anything else: EIO, both <em>unexpected</em>
 *       (the binding logs them with their stack trace).
 * </ul>
 *
 * <p>Stateless; safe for any thread.
 */
public final class ErrnoMapping {
    private ErrnoMapping() {}

    /** The errno for {@code failure}, and whether the failure was expected. */
    public static Mapped map(Throwable failure) {
        return switch (failure) {
            case ErrnoException e -> new Mapped(e.errno(), true);
            case NoSuchFileException e -> new Mapped(Errno.ENOENT, true);
            case FileAlreadyExistsException e -> new Mapped(Errno.EEXIST, true);
            case DirectoryNotEmptyException e -> new Mapped(Errno.ENOTEMPTY, true);
            case NotDirectoryException e -> new Mapped(Errno.ENOTDIR, true);
            case AccessDeniedException e -> new Mapped(Errno.EACCES, true);
            case NotLinkException e -> new Mapped(Errno.EINVAL, true);
            case ReadOnlyFileSystemException e -> new Mapped(Errno.EROFS, true);
            case UnsupportedOperationException e -> new Mapped(Errno.ENOSYS, true);
            case UncheckedIOException e when e.getCause() != null -> map(e.getCause());
            case OutOfMemoryError e -> new Mapped(Errno.ENOMEM, false);
            default -> new Mapped(Errno.EIO, false);
        };
    }

    /**
     * The outcome of mapping one failure.
     *
     * @param errno the error the kernel receives
     * @param expected true for an ordinary POSIX failure, false for a bug or an I/O fault that
     *     deserves a log line with the stack trace
     */
    public record Mapped(Errno errno, boolean expected) {}
}
