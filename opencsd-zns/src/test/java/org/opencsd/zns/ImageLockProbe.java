package org.opencsd.zns;

import java.nio.file.Path;

/** A child process that tries to open an image for writing and prints what happened. */
public final class ImageLockProbe {
    private ImageLockProbe() {}

    public static void main(String[] args) throws Exception {
        try (ZonedDevice d = ZonedDevices.open(Path.of(args[0]))) {
            System.out.println("opened");
        } catch (ImageException e) {
            System.out.println(e.getMessage());
        }
    }
}
