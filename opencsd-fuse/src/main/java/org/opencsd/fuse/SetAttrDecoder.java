package org.opencsd.fuse;

import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes libfuse's setattr arguments ({@code struct stat} plus the {@code FUSE_SET_ATTR_*}
 * bits of {@code to_set}, {@code fuse_lowlevel.h}) into {@link SetAttributes}. Timestamps follow
 * the kernel's translation of {@code utimensat(2)}: a time given explicitly arrives as
 * ATIME/MTIME with the value in the struct; UTIME_NOW (or a NULL times argument) as
 * ATIME|ATIME_NOW / MTIME|MTIME_NOW; UTIME_OMIT as neither bit. Stateless.
 */
final class SetAttrDecoder {
    static final int MODE = 1, UID = 1 << 1, GID = 1 << 2, SIZE = 1 << 3, ATIME = 1 << 4, MTIME = 1 << 5,
            ATIME_NOW = 1 << 7, MTIME_NOW = 1 << 8, CTIME = 1 << 10, KILL_SUID = 1 << 11, KILL_SGID = 1 << 12;

    private SetAttrDecoder() {}

    static SetAttributes decode(MemorySegment stat, int toSet, OptionalLong fh) {
        return new SetAttributes(
                has(toSet, MODE) ? OptionalInt.of(NativeStructs.statMode(stat) & FileMode.PERMISSIONS) : OptionalInt.empty(),
                has(toSet, UID) ? OptionalInt.of(NativeStructs.statUid(stat)) : OptionalInt.empty(),
                has(toSet, GID) ? OptionalInt.of(NativeStructs.statGid(stat)) : OptionalInt.empty(),
                has(toSet, SIZE) ? OptionalLong.of(NativeStructs.statSize(stat)) : OptionalLong.empty(),
                time(toSet, ATIME, ATIME_NOW, stat, true),
                time(toSet, MTIME, MTIME_NOW, stat, false),
                has(toSet, CTIME) ? Optional.of(NativeStructs.statCtime(stat)) : Optional.empty(),
                (toSet & (KILL_SUID | KILL_SGID)) != 0,
                fh);
    }

    private static TimeChange time(int toSet, int setBit, int nowBit, MemorySegment stat, boolean access) {
        if (has(toSet, nowBit)) return TimeChange.NOW;
        if (has(toSet, setBit)) return new TimeChange.Set(access ? NativeStructs.statAtime(stat) : NativeStructs.statMtime(stat));
        return TimeChange.OMIT;
    }

    private static boolean has(int toSet, int bit) {
        return (toSet & bit) != 0;
    }
}
