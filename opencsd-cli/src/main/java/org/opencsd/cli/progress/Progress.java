package org.opencsd.cli.progress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for a long operation, or nothing: it is shown only when
 * standard error is a terminal or the user forced it ({@code --progress}), and never when the
 * command prints JSON, so pipes, logs and parsed output stay clean. Wraps
 * {@code me.tongfei.progressbar}. Use from the thread that does the work; close when done.
 */
public final class Progress implements AutoCloseable {
    private static final Progress NONE = new Progress(null);
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * A bar titled {@code task} counting to {@code total} in {@code unit} (e.g. "MiB", "zones"),
     * or a no-op when it must not be shown.
     *
     * @param force show it even when standard error is not a terminal ({@code --progress})
     * @param json  the command prints JSON: never show it
     */
    public static Progress start(String task, long total, String unit, boolean force, boolean json) {
        return start(task, total, unit, 1, force, json);
    }

    /**
     * As {@link #start(String, long, String, boolean, boolean)} with {@code total} and the steps in
     * raw units shown divided by {@code unitSize} (e.g. bytes shown as MiB with 1 << 20), with the
     * speed; {@code total} {@literal <= 0} gives a bar of unknown length that shows elapsed time.
     */
    public static Progress start(String task, long total, String unit, long unitSize, boolean force, boolean json) {
        if (json || !(force || stderrIsTerminal())) return NONE;
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total <= 0 ? -1 : total)
                .setUnit(" " + unit, unitSize).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250);
        if (unitSize > 1) b.showSpeed();
        ProgressBar bar = b
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true), 100))
                .continuousUpdate().build();
        return new Progress(bar);
    }

    /** Whether this shows a bar (false for the no-op). */
    public boolean visible() {
        return bar != null;
    }

    /** Advances by {@code n} units. */
    public void step(long n) {
        if (bar != null) bar.stepBy(n);
    }

    /** Sets the position to {@code done} units. */
    public void stepTo(long done) {
        if (bar != null) bar.stepTo(done);
    }

    /** Replaces the extra message after the bar (e.g. the current benchmark). */
    public void message(String m) {
        if (bar != null) bar.setExtraMessage(m);
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }

    /** Whether file descriptor 2 is a terminal (Linux: /proc/self/fd/2 points at a tty). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
