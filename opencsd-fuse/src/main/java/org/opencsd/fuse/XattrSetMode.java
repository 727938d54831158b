package org.opencsd.fuse;

/** How {@code setxattr(2)} treats an existing attribute (its flags argument). */
public enum XattrSetMode {
    /** Flags 0: create the attribute or replace its value. */
    CREATE_OR_REPLACE,
    /** XATTR_CREATE: fail with EEXIST if the attribute exists. */
    CREATE,
    /** XATTR_REPLACE: fail with ENODATA if the attribute does not exist. */
    REPLACE;

    static XattrSetMode of(int flags) throws ErrnoException {
        return switch (flags) {
            case 0 -> CREATE_OR_REPLACE;
            case 1 -> CREATE;
            case 2 -> REPLACE;
            default -> throw new ErrnoException(Errno.EINVAL, "setxattr flags " + flags);
        };
    }
}
