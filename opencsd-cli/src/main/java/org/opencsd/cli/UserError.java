package org.opencsd.cli;

/**
 * A mistake in what the user asked for (a missing file, a bad value). The command line prints
 * its message as one line and exits with {@link #EXIT_CODE}; no stack trace.
 */
public final class UserError extends RuntimeException {
    /** Exit code for user errors. */
    public static final int EXIT_CODE = 2;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
