package org.opencsd.cli.progress;

import picocli.CommandLine.Option;

/**
 * The {@code --progress} option of long-running commands, as a picocli mixin: by default a
 * progress bar shows only when standard error is a terminal; {@code --progress} shows it anyway
 * (e.g. into a log). Commands that print JSON never show one.
 */
public final class ProgressOption {
    @Option(names = "--progress", description = "Show a progress bar on standard error even when it is not a terminal.")
    boolean force;

    /** Whether the user forced the bar. */
    public boolean forced() {
        return force;
    }
}
