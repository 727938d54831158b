package org.opencsd.fuse;

import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Mounts an empty {@link MemoryFileSystem} for manual use and for the unmount tests:
 * {@code MemoryFsMain MOUNTPOINT [-f] [-d] [-v|-vv]}. It always runs in the foreground (a JVM
 * cannot daemonize itself; {@code -f} is accepted for familiarity): it prints {@code mounted
 * MOUNTPOINT} once serving, {@code destroyed} when the session delivers destroy, and exits when
 * the mount goes away ({@code fusermount3 -u}, SIGINT, SIGTERM). {@code -d} turns on libfuse's
 * own request trace, {@code -v} logs mounts, {@code -vv} logs every operation with its caller,
 * result and duration.
 */
public final class MemoryFsMain {
    private MemoryFsMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: MemoryFsMain MOUNTPOINT [-f] [-d] [-v|-vv]");
            System.exit(2);
        }
        MountOptions options = MountOptions.defaults().withFsName("memfs").withAllowOther(true);
        Level level = Level.WARNING;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "-f" -> { }
                case "-d" -> options = options.withDebug(true);
                case "-v" -> level = Level.INFO;
                case "-vv" -> level = Level.FINE;
                default -> {
                    System.err.println("MemoryFsMain: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        logAt(level);
        MemoryFileSystem fs = new MemoryFileSystem(() -> {
            System.out.println("destroyed");
            System.out.flush();
        });
        FuseSession session = FuseSession.mount(Path.of(args[0]), fs, options).unmountOnShutdown();
        System.out.println("mounted " + session.mountPoint());
        System.out.flush();
        session.awaitTermination();
    }

    private static void logAt(Level level) {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) root.removeHandler(h);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(level);
        root.addHandler(console);
        root.setLevel(level);
    }
}
