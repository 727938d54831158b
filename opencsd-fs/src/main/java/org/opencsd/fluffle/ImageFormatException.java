package org.opencsd.fluffle;

/**
 * The device does not hold a mountable FluffleFS: unformatted, foreign, of another format
 * version, or corrupt. The message is one line saying which; the device was not changed.
 */
public final class ImageFormatException extends RuntimeException {
    public ImageFormatException(String message) {
        super(message);
    }
}
