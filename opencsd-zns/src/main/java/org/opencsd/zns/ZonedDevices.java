package org.opencsd.zns;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Factories for zoned devices: in memory, or backed by an image file that keeps data and every
 * zone's state across processes (format and guarantees in {@code docs/zns.md}).
 */
public final class ZonedDevices {
    private ZonedDevices() {}

    /** A new device of geometry {@code g} held in memory, every zone Empty. */
    public static ZonedDevice memory(ZoneGeometry g) {
        return new ZonedNamespace(g, new MemoryBackend(g), false);
    }

    /**
     * Creates the image {@code image} (which must not exist) with every zone Empty and opens it
     * for writing.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code image} exists
     */
    public static ZonedDevice create(Path image, ZoneGeometry g) throws IOException {
        FileBackend.create(image, g);
        return open(image);
    }

    /**
     * Opens an existing image for reading and writing, holding its writer lock until closed.
     *
     * @throws java.nio.file.NoSuchFileException if the image does not exist
     * @throws ImageInUseException if another writer holds it
     * @throws ImageException if it is truncated, foreign or corrupt (the file is left untouched)
     */
    public static ZonedDevice open(Path image) throws IOException {
        return open(image, true);
    }

    /**
     * Opens an existing image read-only: no lock is taken, so any number of readers may share
     * it, also with a writer; each zone's state is read as its latest complete record.
     */
    public static ZonedDevice openReadOnly(Path image) throws IOException {
        return open(image, false);
    }

    private static ZonedDevice open(Path image, boolean writable) throws IOException {
        FileBackend backend = FileBackend.open(image, writable);
        ZonedNamespace ns;
        try {
            ns = new ZonedNamespace(backend.geometry(), backend, !writable);
        } catch (IllegalStateException e) {
            backend.close();
            throw ZoneStateTable.corrupt(image, e.getMessage());
        }
        if (writable) backend.claim();
        return ns;
    }
}
