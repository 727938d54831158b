package org.opencsd.fluffle;

/**
 * What {@code statfs} reports. Block counts are in {@code blockSize} units; the total excludes
 * superblock, metadata and the garbage collector's reserve zones; free counts every block not
 * holding live data (space held by stale data is free: the garbage collector reclaims it).
 */
public record StatFs(int blockSize, long totalBlocks, long freeBlocks, long availableBlocks,
                     long totalInodes, long freeInodes, int maxNameLength) {}
