package org.opencsd.fluffle;

/**
 * A run of file blocks stored contiguously on the device: file blocks
 * {@code [fileBlock, fileBlock + count)} live at LBAs {@code [lba, lba + count)}. Immutable.
 */
public record Extent(long fileBlock, long lba, long count) {
    public Extent {
        if (fileBlock < 0 || lba < 0 || count <= 0) {
            throw new IllegalArgumentException("bad extent " + fileBlock + "/" + lba + "/" + count);
        }
    }

    /** One past the last file block. */
    public long endBlock() {
        return fileBlock + count;
    }

    /** The LBA holding file block {@code block}, which must lie in this extent. */
    public long lbaOf(long block) {
        return lba + (block - fileBlock);
    }

    /** The part of this extent covering file blocks {@code [from, to)} (which must overlap it). */
    public Extent slice(long from, long to) {
        long a = Math.max(from, fileBlock);
        long b = Math.min(to, endBlock());
        return new Extent(a, lbaOf(a), b - a);
    }
}
