package org.opencsd.fuse;

/**
 * Where readdirplus puts directory entries with their attributes. Not thread-safe; valid only
 * during the readdirplus call that received it.
 */
@FunctionalInterface
public interface DirectoryPlusFiller {

    /**
     * Appends one entry with its attributes.
     *
     * @param name the entry's name
     * @param entry the entry, as lookup would return it
     * @param nextOffset as for {@link DirectoryFiller#add}
     * @return true if the entry was added, which counts one lookup of its inode unless the name is
     *     {@code "."} or {@code ".."}; false if the buffer is full (nothing added, nothing counted)
     */
    boolean add(String name, Entry entry, long nextOffset);
}
