package org.opencsd.fluffle;

/** One readdir entry: a name, the inode it names, and that inode's type. Immutable. */
public record DirEntry(String name, long ino, FileType type) {}
