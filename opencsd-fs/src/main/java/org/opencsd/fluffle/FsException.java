package org.opencsd.fluffle;

/**
 * A file system operation failed with a POSIX errno; the message is one line naming the
 * operation's subject. Nothing changed when an operation throws this, except for a write that
 * already stored part of its data (it then returns the short count instead of throwing).
 */
public final class FsException extends RuntimeException {
    private final FsErrno errno;

    public FsException(FsErrno errno, String detail) {
        super(errno.name() + ": " + detail);
        this.errno = errno;
    }

    /** The errno. */
    public FsErrno errno() {
        return errno;
    }
}
