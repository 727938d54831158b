package org.opencsd.fluffle;

/** Metadata read from the device breaks an invariant of the format (used while loading). */
final class CorruptMetadataException extends RuntimeException {
    CorruptMetadataException(String message) {
        super(message);
    }
}
