package org.opencsd.zns;

import java.nio.file.Path;

/**
 * Another writer holds the image: {@code image X is in use by process N}. Only one process (and
 * one open device within it) may have an image open for writing at a time.
 */
public final class ImageInUseException extends ImageException {
    private final long pid;

    public ImageInUseException(Path image, long pid) {
        super(image, pid > 0 ? "is in use by process " + pid : "is in use by another process");
        this.pid = pid;
    }

    /** The holder's process id as it recorded it, or 0 when unknown. */
    public long pid() {
        return pid;
    }
}
