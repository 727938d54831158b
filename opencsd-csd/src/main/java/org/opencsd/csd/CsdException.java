package org.opencsd.csd;

import java.util.Objects;

/**
 * A failed command of the computational storage device: the {@link CsdError} and a one-line
 * message naming what was wrong (for kernel faults: the pc, address and region). Immutable.
 */
public final class CsdException extends RuntimeException {
    private final CsdError error;

    public CsdException(CsdError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    public CsdException(CsdError error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** Which rule was broken. */
    public CsdError error() {
        return error;
    }
}
