package org.opencsd.fluffle;

/** The kinds of inode FluffleFS stores, with their {@code S_IFMT} bits. Immutable. */
public enum FileType {
    REGULAR(0100000), DIRECTORY(0040000), SYMLINK(0120000);

    private final int formatBits;

    FileType(int formatBits) {
        this.formatBits = formatBits;
    }

    /** The {@code S_IFMT} bits of {@code st_mode}. */
    public int formatBits() {
        return formatBits;
    }

    /** The {@code d_type} value readdir reports (DT_REG 8, DT_DIR 4, DT_LNK 10). */
    public int direntType() {
        return switch (this) {
            case REGULAR -> 8;
            case DIRECTORY -> 4;
            case SYMLINK -> 10;
        };
    }

    static FileType ofCode(int code) {
        FileType[] all = values();
        if (code < 0 || code >= all.length) throw new CorruptMetadataException("unknown inode type " + code);
        return all[code];
    }
}
