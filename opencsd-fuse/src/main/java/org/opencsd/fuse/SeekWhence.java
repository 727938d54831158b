package org.opencsd.fuse;

/**
 * The two {@code lseek(2)} modes the kernel forwards to a FUSE filesystem (it handles SEEK_SET,
 * SEEK_CUR and SEEK_END itself).
 */
public enum SeekWhence {
    /** The next offset at or after the given one that holds data; ENXIO past the end. */
    DATA(3),
    /** The next offset at or after the given one that starts a hole (the end of file counts). */
    HOLE(4);

    private final int code;

    SeekWhence(int code) {
        this.code = code;
    }

    /** The constant for a {@code whence} value. */
    static SeekWhence of(int whence) throws ErrnoException {
        for (SeekWhence w : values()) {
            if (w.code == whence) return w;
        }
        throw new ErrnoException(Errno.EINVAL, "lseek whence " + whence);
    }
}
