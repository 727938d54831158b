package org.opencsd.fluffle;

/**
 * One change to the metadata, as written to the metadata log (encoding in {@link RecordCodec},
 * documented in {@code docs/fluffle-format.md}). Every change the file system makes in memory is
 * one of these, applied by {@link MetaState#apply}; replaying the log after a checkpoint applies
 * the same records, so the state after a mount is the state the records describe. Immutable.
 */
sealed interface LogRecord {
    /** Creates inode {@code ino} or replaces its attributes (its blocks, entries and xattrs stay). */
    record InodeAttrs(long ino, FileType type, int mode, int uid, int gid, int nlink, long size,
                      long atime, long mtime, long ctime, long parent, String symlinkTarget)
            implements LogRecord {}

    /** Maps file blocks of {@code ino} to device blocks, replacing earlier mappings. */
    record MapExtent(long ino, long fileBlock, long lba, long count) implements LogRecord {}

    /** Unmaps file blocks {@code [fromBlock, toBlock)} of {@code ino}. */
    record Punch(long ino, long fromBlock, long toBlock) implements LogRecord {}

    /** Adds entry {@code name} -> {@code ino} to directory {@code dir}. */
    record DirentAdd(long dir, String name, long ino) implements LogRecord {}

    /** Removes entry {@code name} from directory {@code dir}. */
    record DirentRemove(long dir, String name) implements LogRecord {}

    /** Sets extended attribute {@code name} of {@code ino}. */
    record XattrSet(long ino, String name, byte[] value) implements LogRecord {}

    /** Removes extended attribute {@code name} of {@code ino}. */
    record XattrRemove(long ino, String name) implements LogRecord {}

    /** Deletes inode {@code ino} with its blocks and attributes. */
    record InodeFree(long ino) implements LogRecord {}

    /** Inode numbers from {@code next} on have never been used. */
    record NextIno(long next) implements LogRecord {}

    /** In a checkpoint only: zone {@code zone} holds {@code validBlocks} live blocks (checked). */
    record ZoneValid(int zone, long validBlocks) implements LogRecord {}
}
