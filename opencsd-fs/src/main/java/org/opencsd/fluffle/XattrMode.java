package org.opencsd.fluffle;

/** setxattr's flags: 0, {@code XATTR_CREATE} (1) or {@code XATTR_REPLACE} (2). Immutable. */
public enum XattrMode {
    /** Create or replace. */
    ANY,
    /** Fail with EEXIST when the attribute exists. */
    CREATE,
    /** Fail with ENODATA when the attribute does not exist. */
    REPLACE;

    /** The mode for setxattr's {@code flags} argument; EINVAL for anything else. */
    public static XattrMode ofFlags(int flags) {
        return switch (flags) {
            case 0 -> ANY;
            case 1 -> CREATE;
            case 2 -> REPLACE;
            default -> throw new FsException(FsErrno.EINVAL, "setxattr flags " + flags);
        };
    }
}
