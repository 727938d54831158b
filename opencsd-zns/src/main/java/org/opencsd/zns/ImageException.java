package org.opencsd.zns;

import java.nio.file.Path;

/**
 * A device image cannot be used: missing, truncated, foreign, corrupt, or held by another
 * writer. The message is one line naming the image and what is wrong. Opening an image that
 * fails this way changes nothing in the file.
 */
public class ImageException extends RuntimeException {
    private final Path image;

    public ImageException(Path image, String problem) {
        super("image " + image + " " + problem);
        this.image = image;
    }

    public ImageException(Path image, String problem, Throwable cause) {
        super("image " + image + " " + problem, cause);
        this.image = image;
    }

    /** The image file concerned. */
    public Path image() {
        return image;
    }
}
