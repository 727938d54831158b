package org.opencsd.fuse;

/**
 * The error numbers a filesystem operation can fail with, with their values on Linux x86-64
 * ({@code asm-generic/errno-base.h} and {@code asm-generic/errno.h}). The binding replies to the
 * kernel with {@link #code()}; nothing else in the project spells an errno as a number.
 *
 * <p>Immutable; safe for any thread.
 */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), ENXIO(6), E2BIG(7), EBADF(9), EAGAIN(11),
    ENOMEM(12), EACCES(13), EFAULT(14), EBUSY(16), EEXIST(17), EXDEV(18), ENODEV(19),
    ENOTDIR(20), EISDIR(21), EINVAL(22), ENFILE(23), EMFILE(24), ENOTTY(25), ETXTBSY(26),
    EFBIG(27), ENOSPC(28), ESPIPE(29), EROFS(30), EMLINK(31), EPIPE(32), ERANGE(34),
    EDEADLK(35), ENAMETOOLONG(36), ENOLCK(37), ENOSYS(38), ENOTEMPTY(39), ELOOP(40),
    ENODATA(61), EOVERFLOW(75), EILSEQ(84),
    /** Also spelled ENOTSUP on Linux (same value). */
    EOPNOTSUPP(95),
    ENOTCONN(107), ETIMEDOUT(110), ESTALE(116), EDQUOT(122), ECANCELED(125);

    private final int code;

    Errno(int code) {
        this.code = code;
    }

    /** The positive errno value, as the C library's {@code errno} holds it. */
    public int code() {
        return code;
    }

    /**
     * The constant for a positive errno value.
     *
     * @throws IllegalArgumentException if the value is not one of these constants
     */
    public static Errno of(int code) {
        for (Errno e : values()) {
            if (e.code == code) return e;
        }
        throw new IllegalArgumentException("unknown errno " + code);
    }
}
