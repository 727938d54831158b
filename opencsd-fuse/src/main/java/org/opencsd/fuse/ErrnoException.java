package org.opencsd.fuse;

import java.io.IOException;

/**
 * A filesystem operation failed with a specific POSIX error: the binding replies to the kernel
 * with {@link #errno()} and logs nothing (an expected failure, such as ENOENT on a lookup, is not
 * an event worth a log line). Any other exception an operation throws goes through
 * {@link ErrnoMapping}.
 *
 * <p>It records no stack trace: an errno is an answer, not a bug, and errnos are frequent (a
 * negative lookup; the kernel's {@code security.capability} query before every write), so the
 * cost of filling one in per request is not paid.
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

    /** No stack trace (see the class comment). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The error the kernel receives. */
    public Errno errno() {
        return errno;
    }
}
