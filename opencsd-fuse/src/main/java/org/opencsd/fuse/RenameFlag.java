package org.opencsd.fuse;

import java.util.EnumSet;
import java.util.Set;

/**
 * The flags of {@code renameat2(2)}. A filesystem that does not support one of them throws
 * {@link ErrnoException} with EINVAL (the kernel's own answer for an unsupported flag).
 */
public enum RenameFlag {
    /** Fail with EEXIST instead of replacing an existing target. */
    NOREPLACE(1),
    /** Atomically exchange source and target; both must exist. */
    EXCHANGE(2),
    /** Leave a whiteout in place of the source (overlay filesystems). */
    WHITEOUT(4);

    private final int bit;

    RenameFlag(int bit) {
        this.bit = bit;
    }

    /** The flags set in {@code bits}; empty for 0. */
    static Set<RenameFlag> decode(int bits) throws ErrnoException {
        Set<RenameFlag> flags = EnumSet.noneOf(RenameFlag.class);
        int known = 0;
        for (RenameFlag f : values()) {
            known |= f.bit;
            if ((bits & f.bit) != 0) flags.add(f);
        }
        if ((bits & ~known) != 0) throw new ErrnoException(Errno.EINVAL, "unknown rename flags 0x" + Integer.toHexString(bits));
        return flags;
    }
}
