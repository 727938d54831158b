package org.opencsd.fuse;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The changes one setattr request asks for (chmod, chown, truncate, utimensat...), decoded from
 * libfuse's {@code to_set} bits and {@code struct stat}: an empty optional is a field to leave.
 * A filesystem applies all requested changes or none, updates ctime when anything changed, and
 * clears set-uid/set-gid as POSIX requires when {@link #killSuidGid()} says so.
 *
 * @param mode new permission bits (the type bits are the file's own and must be kept)
 * @param uid new owner
 * @param gid new group
 * @param size new size (truncate or extend with zeros)
 * @param atime what to do with the access time
 * @param mtime what to do with the modification time
 * @param ctime an explicit new change time (sent by the kernel only in writeback-cache mode)
 * @param killSuidGid drop S_ISUID, and S_ISGID when group-executable (FUSE_SET_ATTR_KILL_SUID
 *     / KILL_SGID)
 * @param fh the open file's handle when the change came through one (ftruncate, fchmod...)
 */
public record SetAttributes(OptionalInt mode, OptionalInt uid, OptionalInt gid, OptionalLong size,
                            TimeChange atime, TimeChange mtime, Optional<Instant> ctime,
                            boolean killSuidGid, OptionalLong fh) {

    public SetAttributes {
        Objects.requireNonNull(mode);
        Objects.requireNonNull(uid);
        Objects.requireNonNull(gid);
        Objects.requireNonNull(size);
        Objects.requireNonNull(atime);
        Objects.requireNonNull(mtime);
        Objects.requireNonNull(ctime);
        Objects.requireNonNull(fh);
    }

    /** True when the request changes nothing but possibly the ctime. */
    public boolean isEmpty() {
        return mode.isEmpty() && uid.isEmpty() && gid.isEmpty() && size.isEmpty()
                && atime instanceof TimeChange.Omit && mtime instanceof TimeChange.Omit
                && ctime.isEmpty() && !killSuidGid;
    }
}
