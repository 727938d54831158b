package org.opencsd.fluffle;

/**
 * What {@code stat} reports for an inode. Times are nanoseconds since the epoch.
 *
 * @param ino    the inode number (1 is the root directory)
 * @param type   regular file, directory or symbolic link
 * @param mode   permission bits ({@code 07777})
 * @param nlink  hard links (a directory: 2 + its subdirectories)
 * @param uid    owner
 * @param gid    group
 * @param size   bytes (a symlink: the target's length)
 * @param blocks 512-byte units allocated (holes not counted)
 */
public record Attr(long ino, FileType type, int mode, int nlink, int uid, int gid, long size,
                   long blocks, long atimeNanos, long mtimeNanos, long ctimeNanos) {
    /** {@code st_mode}: type bits and permission bits. */
    public int stMode() {
        return type.formatBits() | mode;
    }
}
