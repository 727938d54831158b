package org.opencsd.cli.zns;

import java.io.IOException;
import java.nio.file.Path;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * How the zns commands open images: for writing (one writer at a time) or read-only (shared).
 * Failures propagate as {@link org.opencsd.zns.ImageException} or I/O exceptions, which the
 * command line prints as one line.
 */
final class Devices {
    private Devices() {}

    static ZonedDevice forWriting(Path image) throws IOException {
        return ZonedDevices.open(image);
    }

    static ZonedDevice forReading(Path image) throws IOException {
        return ZonedDevices.openReadOnly(image);
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
