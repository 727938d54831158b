package org.opencsd.fuse;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * fallocate(2) for a {@link MemoryNode.File}: plain allocation (extends the size), KEEP_SIZE
 * (no visible change for an in-memory file), PUNCH_HOLE (with KEEP_SIZE, as Linux requires:
 * zeroes the range) and ZERO_RANGE (zeroes, and extends unless KEEP_SIZE). Other modes:
 * EOPNOTSUPP. The caller holds the filesystem's lock.
 */
final class MemoryFallocate {
    private MemoryFallocate() {}

    static void apply(MemoryNode.File f, Set<FallocateFlag> mode, long offset, long length) throws ErrnoException {
        if (offset < 0 || length <= 0) throw new ErrnoException(Errno.EINVAL);
        Set<FallocateFlag> rest = EnumSet.copyOf(mode.isEmpty() ? EnumSet.of(FallocateFlag.KEEP_SIZE) : mode);
        boolean keepSize = mode.contains(FallocateFlag.KEEP_SIZE);
        rest.remove(FallocateFlag.KEEP_SIZE);
        long end = offset + length;
        if (rest.isEmpty()) {
            if (!keepSize && end > f.size()) f.truncate(end);
        } else if (rest.equals(EnumSet.of(FallocateFlag.PUNCH_HOLE))) {
            if (!keepSize) throw new ErrnoException(Errno.EOPNOTSUPP, "PUNCH_HOLE without KEEP_SIZE");
            f.zero(offset, length);
        } else if (rest.equals(EnumSet.of(FallocateFlag.ZERO_RANGE))) {
            f.zero(offset, length);
            if (!keepSize && end > f.size()) f.truncate(end);
        } else {
            throw new ErrnoException(Errno.EOPNOTSUPP, "fallocate mode " + mode);
        }
        f.ctime = Instant.now();
        if (!keepSize) f.mtime = f.ctime;
    }
}
