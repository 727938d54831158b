package org.opencsd.fluffle;

import java.nio.charset.StandardCharsets;

/** Checks of names and sizes against the format's limits. Stateless; thread-safe. */
final class Names {
    /** Longest name, in UTF-8 bytes. */
    static final int NAME_MAX = 255;
    /** Longest symlink target, in UTF-8 bytes. */
    static final int PATH_MAX = 4095;
    /** Longest xattr name, in UTF-8 bytes. */
    static final int XATTR_NAME_MAX = 255;
    /** Largest xattr value. */
    static final int XATTR_SIZE_MAX = 65536;

    private Names() {}

    /** A name for a new or looked-up entry: ENAMETOOLONG past 255 bytes, EINVAL if empty or with '/' or NUL. */
    static void check(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
            throw new FsException(FsErrno.ENAMETOOLONG, "name longer than " + NAME_MAX + " bytes");
        }
        if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new FsException(FsErrno.EINVAL, "invalid name '" + name + "'");
        }
    }

    static boolean isDot(String name) {
        return name.equals(".") || name.equals("..");
    }

    /** An xattr name: only the {@code user.} namespace is stored (ENOTSUP otherwise). */
    static void checkXattr(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > XATTR_NAME_MAX) {
            throw new FsException(FsErrno.ERANGE, "xattr name longer than " + XATTR_NAME_MAX + " bytes");
        }
        if (!name.startsWith("user.") || name.length() == 5) {
            throw new FsException(FsErrno.ENOTSUP, "only user.* extended attributes are supported: " + name);
        }
    }
}
