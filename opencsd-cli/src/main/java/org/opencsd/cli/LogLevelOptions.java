package org.opencsd.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code -v/--verbose} and {@code -q/--quiet}, accepted by every subcommand. All modules log
 * through the JDK's {@link System.Logger} facade; this class routes it to standard error as one
 * line per record ({@code opencsd: LEVEL message}) at the level the user chose: warnings by
 * default, {@code -v} info, {@code -vv} debug, {@code -q} errors only.
 *
 * <p>Not thread-safe; configured once while the command line is parsed.
 */
public final class LogLevelOptions {
    private static final Logger ROOT = Logger.getLogger("");
    private int verbosity;

    static {
        apply(Level.WARNING);
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More log output (repeat for debug: -vv).")
    void setVerbose(boolean[] flags) {
        verbosity = flags.length;
        apply(verbosity >= 2 ? Level.FINE : Level.INFO);
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Only log errors.")
    void setQuiet(boolean quiet) {
        if (quiet) apply(Level.SEVERE);
    }

    private static void apply(Level level) {
        for (Handler h : ROOT.getHandlers()) ROOT.removeHandler(h);
        Handler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter());
        console.setLevel(level);
        ROOT.addHandler(console);
        ROOT.setLevel(level);
    }

    /** {@code opencsd: LEVEL [logger] message}, one line, with the cause's message if any. */
    private static final class OneLineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            String msg = formatMessage(r);
            String cause = r.getThrown() == null ? "" : " (" + r.getThrown() + ")";
            String name = r.getLoggerName() == null ? "" : r.getLoggerName().replaceFirst("^org\\.opencsd\\.", "");
            return "opencsd: " + r.getLevel().getName().toLowerCase(java.util.Locale.ROOT)
                    + " [" + name + "] " + msg + cause + System.lineSeparator();
        }
    }
}
