package org.opencsd.fluffle;

/**
 * The POSIX error numbers FluffleFS reports, with their Linux values (what a FUSE reply carries,
 * negated). Immutable; safe to share.
 */
public enum FsErrno {
    EPERM(1), ENOENT(2), EIO(5), E2BIG(7), EBADF(9), EEXIST(17), EXDEV(18), ENOTDIR(20),
    EISDIR(21), EINVAL(22), EFBIG(27), ENOSPC(28), EROFS(30), EMLINK(31), ERANGE(34),
    ENAMETOOLONG(36), ENOTEMPTY(39), ELOOP(40), ENODATA(61), ENOTSUP(95), EBUSY(16);

    private final int code;

    FsErrno(int code) {
        this.code = code;
    }

    /** The Linux errno value. */
    public int code() {
        return code;
    }
}
