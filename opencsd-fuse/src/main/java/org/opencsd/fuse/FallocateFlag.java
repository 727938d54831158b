package org.opencsd.fuse;

import java.util.EnumSet;
import java.util.Set;

/**
 * The mode flags of {@code fallocate(2)} (Linux {@code falloc.h}). An empty set is the plain
 * call: allocate the range and extend the file size if it ends past the end. A filesystem throws
 * EOPNOTSUPP for a combination it does not support, as Linux filesystems do.
 */
public enum FallocateFlag {
    KEEP_SIZE(0x01),
    PUNCH_HOLE(0x02),
    NO_HIDE_STALE(0x04),
    COLLAPSE_RANGE(0x08),
    ZERO_RANGE(0x10),
    INSERT_RANGE(0x20),
    UNSHARE_RANGE(0x40);

    private final int bit;

    FallocateFlag(int bit) {
        this.bit = bit;
    }

    /** The flags set in {@code mode}. */
    static Set<FallocateFlag> decode(int mode) throws ErrnoException {
        Set<FallocateFlag> flags = EnumSet.noneOf(FallocateFlag.class);
        int known = 0;
        for (FallocateFlag f : values()) {
            known |= f.bit;
            if ((mode & f.bit) != 0) flags.add(f);
        }
        if ((mode & ~known) != 0) throw new ErrnoException(Errno.EOPNOTSUPP, "unknown fallocate mode 0x" + Integer.toHexString(mode));
        return flags;
    }
}
