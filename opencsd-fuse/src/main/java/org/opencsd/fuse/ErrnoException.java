package org.opencsd.fuse;

import java.io.IOException;

/**
 * A filesystem operation failed with a specific POSIX error: the binding replies to the kernel
 * with {@link #errno()} and logs nothing (an expected failure, such as ENOENT on a lookup, is not
 * an event worth a log line). Any other exception an operation throws goes through
 * {@link ErrnoMapping}.
 *
 * <p>Immutable once constructed.
 */
public final class ErrnoException extends IOException {
    private final Errno errno;

    /** A failure with {@code errno} and a message naming the errno. */
    public ErrnoException(Errno errno) {
        this(errno, errno.name());
    }

    /** A failure with {@code errno}; {@code message} says what failed, for logs and tests. */
    public ErrnoException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    /** The error the kernel receives. */
    public Errno errno() {
        return errno;
    }
}
