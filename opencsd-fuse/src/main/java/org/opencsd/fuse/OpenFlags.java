package org.opencsd.fuse;

/**
 * The {@code open(2)} flags of an open or create request, as the kernel sent them (Linux x86-64
 * values). The kernel has already handled O_CREAT, O_EXCL and O_NOCTTY; O_TRUNC reaches open
 * because the binding keeps libfuse's default FUSE_CAP_ATOMIC_O_TRUNC: a filesystem must
 * truncate in open when {@link #truncate()} is set.
 *
 * @param value the raw flags
 */
public record OpenFlags(int value) {
    public static final int O_ACCMODE = 03;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 01;
    public static final int O_RDWR = 02;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_DIRECT = 040000;
    public static final int O_NOATIME = 01000000;

    /** True when the file is opened for reading (O_RDONLY or O_RDWR). */
    public boolean readable() {
        int mode = value & O_ACCMODE;
        return mode == O_RDONLY || mode == O_RDWR;
    }

    /** True when the file is opened for writing (O_WRONLY or O_RDWR). */
    public boolean writable() {
        int mode = value & O_ACCMODE;
        return mode == O_WRONLY || mode == O_RDWR;
    }

    public boolean truncate() {
        return (value & O_TRUNC) != 0;
    }

    /** True for O_APPEND; the kernel then sends each write at the size it knows as offset. */
    public boolean append() {
        return (value & O_APPEND) != 0;
    }

    public boolean direct() {
        return (value & O_DIRECT) != 0;
    }
}
