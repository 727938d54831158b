package org.opencsd.fuse;

/**
 * The {@code st_mode} bits of Linux ({@code sys/stat.h}): file type in the top bits, permission
 * bits below. Modes travel through the binding as plain {@code int}s, exactly as the kernel sends
 * them; this class names the bits.
 */
public final class FileMode {
    /** Mask of the file-type bits. */
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;
    /** Mask of the permission bits including set-uid, set-gid and sticky. */
    public static final int PERMISSIONS = 07777;
    public static final int S_ISUID = 04000;
    public static final int S_ISGID = 02000;

    private FileMode() {}

    /** The file-type bits of {@code mode}. */
    public static int type(int mode) {
        return mode & S_IFMT;
    }

    public static boolean isDirectory(int mode) {
        return type(mode) == S_IFDIR;
    }

    public static boolean isRegular(int mode) {
        return type(mode) == S_IFREG;
    }

    public static boolean isSymlink(int mode) {
        return type(mode) == S_IFLNK;
    }
}
