package org.opencsd.fluffle;

/**
 * A file system operation failed with a POSIX errno; the message is one line naming the
 * operation's subject. Nothing changed when an operation throws this, except for a write that
 * already stored part of its data (it then returns the short count instead of throwing).
 *
 * <p>An errno is an answer, not a bug: this exception records no stack trace. Through FUSE,
 * errnos are frequent (a negative lookup is ENOENT; the kernel asks for
 * {@code security.capability}, which is ENOTSUP here, before every write), and filling in a
 * stack trace cost more than the operation.
 */
public final class FsException extends RuntimeException {
    private final FsErrno errno;

    public FsException(FsErrno errno, String detail) {
        super(errno.name() + ": " + detail, null, false, false);
        this.errno = errno;
    }

    /** The errno. */
    public FsErrno errno() {
        return errno;
    }
}
