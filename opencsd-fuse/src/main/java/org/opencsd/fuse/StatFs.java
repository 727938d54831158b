package org.opencsd.fuse;

/**
 * Filesystem statistics, the answer to {@code statfs(2)} ({@code struct statvfs}).
 *
 * @param blockSize preferred I/O size ({@code f_bsize})
 * @param fragmentSize the unit of the block counts ({@code f_frsize})
 * @param blocks size of the filesystem in fragments
 * @param blocksFree free fragments
 * @param blocksAvailable free fragments for unprivileged users
 * @param files number of inodes
 * @param filesFree free inodes
 * @param nameMax longest file name in bytes
 */
public record StatFs(long blockSize, long fragmentSize, long blocks, long blocksFree,
                     long blocksAvailable, long files, long filesFree, long nameMax) {}
