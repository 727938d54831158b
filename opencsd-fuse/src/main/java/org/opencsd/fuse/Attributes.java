package org.opencsd.fuse;

import java.time.Instant;
import java.util.Objects;

/**
 * The attributes of an inode, as {@code stat(2)} reports them ({@code struct stat}).
 *
 * @param ino inode number; 1 is the root ({@code FUSE_ROOT_ID}); never 0
 * @param mode file type and permission bits ({@link FileMode})
 * @param nlink number of hard links
 * @param uid owner
 * @param gid group
 * @param rdev device number of a character or block device node, else 0
 * @param size size in bytes (for a symlink: the length of its target)
 * @param blocks number of 512-byte blocks allocated
 * @param blockSize preferred I/O size ({@code st_blksize})
 * @param atime last access
 * @param mtime last modification of the content
 * @param ctime last change of the inode
 */
public record Attributes(long ino, int mode, long nlink, int uid, int gid, long rdev, long size,
                         long blocks, int blockSize, Instant atime, Instant mtime, Instant ctime) {

    public Attributes {
        if (ino == 0) throw new IllegalArgumentException("inode number 0 is reserved");
        Objects.requireNonNull(atime, "atime");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(ctime, "ctime");
    }
}
