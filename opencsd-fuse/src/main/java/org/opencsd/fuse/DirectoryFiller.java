package org.opencsd.fuse;

/**
 * Where readdir puts directory entries: a reply buffer of the size the kernel asked for. Not
 * thread-safe; valid only during the readdir call that received it.
 */
@FunctionalInterface
public interface DirectoryFiller {

    /**
     * Appends one entry.
     *
     * @param name the entry's name ({@code "."} and {@code ".."} included, if the directory lists
     *     them)
     * @param ino the entry's inode number
     * @param mode the entry's mode; only its type bits are used
     * @param nextOffset the offset at which a later readdir resumes <em>after</em> this entry;
     *     non-zero and stable for the directory's lifetime as far as the filesystem can manage
     * @return true if the entry was added; false if the buffer is full, in which case the entry
     *     was not added and the filesystem stops and returns
     */
    boolean add(String name, long ino, int mode, long nextOffset);
}
