package org.opencsd.fuse;

import java.util.Objects;

/**
 * A directory entry resolved to its inode ({@code struct fuse_entry_param}), the reply to
 * lookup, mknod, mkdir, symlink, link and create. Every entry a filesystem returns successfully
 * counts one <em>lookup</em> of the inode, which the kernel gives back with
 * {@link LowLevelFileSystem#forget}.
 *
 * @param generation with {@code attributes().ino()}, unique over the filesystem's lifetime
 *     (bump it when an inode number is reused)
 * @param attributes the inode's attributes
 */
public record Entry(long generation, Attributes attributes) {

    public Entry {
        Objects.requireNonNull(attributes, "attributes");
    }

    /** An entry with generation 0, for filesystems that never reuse inode numbers. */
    public static Entry of(Attributes attributes) {
        return new Entry(0, attributes);
    }

    /** The inode number. */
    public long ino() {
        return attributes.ino();
    }
}
