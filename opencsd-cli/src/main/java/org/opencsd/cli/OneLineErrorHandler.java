package org.opencsd.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error, {@code opencsd: <what went wrong>}, and a
 * non-zero exit code. Stack traces are printed only when {@code OPENCSD_DEBUG} is set, so that a
 * developer can still see them; a user never does.
 */
final class OneLineErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** Exit code for failures of the operation itself (device errors, faults). */
    static final int EXIT_FAILURE = 1;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        report(cl, describe(ex), ex);
        return ex instanceof UserError ? UserError.EXIT_CODE : EXIT_FAILURE;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        report(ex.getCommandLine(), ex.getMessage() + " (see --help)", ex);
        return UserError.EXIT_CODE;
    }

    private static void report(CommandLine cl, String line, Exception ex) {
        cl.getErr().println("opencsd: " + line);
        if (System.getenv("OPENCSD_DEBUG") != null) ex.printStackTrace(cl.getErr());
        cl.getErr().flush();
    }

    /** One line naming what is wrong; file-system exceptions get a readable form. */
    static String describe(Throwable ex) {
        if (ex instanceof UncheckedIOException u) ex = u.getCause();
        return switch (ex) {
            case NoSuchFileException e -> "no such file: " + e.getFile();
            case FileAlreadyExistsException e -> "already exists: " + e.getFile();
            case AccessDeniedException e -> "permission denied: " + e.getFile();
            case IOException e -> "I/O error: " + message(e);
            default -> message(ex);
        };
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
