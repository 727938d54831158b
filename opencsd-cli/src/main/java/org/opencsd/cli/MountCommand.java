package org.opencsd.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.ImageFormatException;
import org.opencsd.fuse.FuseSession;
import org.opencsd.fuse.MountOptions;
import org.opencsd.fuse.MountTable;
import org.opencsd.fuse.fluffle.FluffleFileSystem;
import org.opencsd.fuse.fluffle.KernelOffload;
import org.opencsd.fuse.fluffle.OffloadOptions;
import org.opencsd.csd.ComputationalStorageDevice;
import org.opencsd.csd.CsdConfig;
import org.opencsd.csd.ExecutionLimits;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code opencsd mount IMAGE MOUNTPOINT [-f]}: serves a FluffleFS image through FUSE.
 *
 * <p>Without {@code -f} the command starts the same mount in the foreground in a new session
 * ({@code setsid}, detached from the terminal, log to {@code --log}), returns once the mount is
 * usable, and the daemon runs until the file system is unmounted ({@code fusermount3 -u}, or
 * SIGTERM/SIGINT to the daemon). At unmount the file system commits and closes the image; after
 * {@code kill -9} the next mount recovers from the log (everything fsynced survives).
 */
@Command(name = "mount", mixinStandardHelpOptions = true,
        description = "Mount a FluffleFS image with FUSE (runs in the background until `fusermount3 -u MOUNTPOINT`).",
        footer = {"", "Examples:", "  opencsd mount dev.img /mnt/fluffle        # background; log in dev.img.mount.log",
                "  opencsd mount dev.img /mnt/fluffle -f -vv  # foreground, one log line per operation",
                "  fusermount3 -u /mnt/fluffle"})
public final class MountCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger("org.opencsd.cli.mount");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The FluffleFS image (from `opencsd mkfs`).")
    Path image;

    @Parameters(index = "1", paramLabel = "MOUNTPOINT", description = "An existing directory.")
    Path mountPoint;

    @Option(names = {"-f", "--foreground"}, description = "Stay in the foreground until unmounted (Ctrl-C unmounts).")
    boolean foreground;

    @Option(names = {"-d", "--fuse-debug"}, description = "libfuse's own trace of every request on standard error.")
    boolean fuseDebug;

    @Option(names = "--kernel-time-limit", paramLabel = "MS", defaultValue = "10000",
            description = "Wall time of one offloaded kernel run before the read fails with EIO (default: ${DEFAULT-VALUE} ms).")
    long kernelTimeLimitMillis;

    @Option(names = "--direct-io", description = "Compatibility with the original OpenCSD: every open is direct_io, so a handle "
            + "opened before the kernel is attached reads its results too; no read of this mount uses the page cache.")
    boolean directIo;

    @Option(names = "--read-ahead", paramLabel = "N", defaultValue = "-1",
            description = "Read-stream requests a sequential reader's kernel runs ahead (default: the device's parallelism; 0 = off).")
    int readAhead;

    @Option(names = "--kernel-slots", paramLabel = "N", defaultValue = "16",
            description = "Device program slots: how many kernels can be attached at once on this mount (1..4096; default: ${DEFAULT-VALUE}).")
    int kernelSlots;

    @Option(names = "--exit-with", paramLabel = "PID", defaultValue = "0",
            description = "Unmount and exit when process PID ends, however it ends (`opencsd demo` mounts with its own pid, so that "
                    + "even a `kill -9` of the demo leaves no mount behind).")
    long exitWith;

    @Option(names = "--log", paramLabel = "FILE", description = "Where the background daemon logs (default: IMAGE.mount.log).")
    Path log;

    @Override
    public Integer call() throws Exception {
        if (readAhead != -1 && (readAhead < 0 || readAhead > 64)) throw new UserError("--read-ahead must be 0..64: " + readAhead);
        if (kernelSlots < 1 || kernelSlots > 4096) throw new UserError("--kernel-slots must be 1..4096: " + kernelSlots);
        if (exitWith != 0 && ProcessHandle.of(exitWith).filter(ProcessHandle::isAlive).isEmpty()) {
            throw new UserError("--exit-with " + exitWith + ": no such process");
        }
        if (!Files.isRegularFile(image)) throw new UserError(image + ": no such image");
        boolean stale = MountTable.isMounted(mountPoint.toAbsolutePath()) && !isLive(mountPoint);
        if (!stale && !Files.isDirectory(mountPoint)) throw new UserError(mountPoint + ": not a directory");
        if (!FuseSession.libraryAvailable()) throw new UserError("libfuse3 is not installed (apt-get install fuse3)");
        if (MountTable.isMounted(mountPoint.toAbsolutePath()) && !stale) {
            throw new UserError(mountPoint + " is already a mount point");
        }
        return foreground ? serve() : daemonize();
    }

    private static boolean isLive(Path p) {
        try (var s = Files.list(p)) {
            s.findFirst();
            return true;
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private int serve() throws Exception {
        ZonedDevice device = ZonedDevices.open(image);
        ComputationalStorageDevice csd = new ComputationalStorageDevice(device, CsdConfig.DEFAULTS.withSlots(kernelSlots).withLimits(
                ExecutionLimits.DEFAULTS.withWallTime(Duration.ofMillis(kernelTimeLimitMillis)).withMaxInstructions(2_000_000_000L)));
        FluffleFs fs;
        try {
            fs = FluffleFs.mount(device, org.opencsd.fluffle.MountOptions.defaults(), true);
        } catch (ImageFormatException | IllegalArgumentException e) {
            csd.close();
            device.close();
            throw new UserError("cannot mount " + image + ": " + e.getMessage());
        }
        FuseSession session;
        try {
            session = FuseSession.mount(mountPoint.toAbsolutePath(), new FluffleFileSystem(fs, new KernelOffload(fs, csd, offloadOptions(csd))),
                    fuseOptions());
        } catch (IOException | RuntimeException e) {
            csd.close();
            fs.close();
            throw new UserError("cannot mount " + image + " at " + mountPoint + ": " + e.getMessage());
        }
        // Our own hook runs next to the session's: it waits for the unmount, then commits.
        Thread closer = Thread.ofPlatform().name("fluffle-close").unstarted(() -> {
            try {
                session.awaitTermination(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                csd.close();
                fs.close();
            }
        });
        session.unmountOnShutdown();
        Runtime.getRuntime().addShutdownHook(closer);
        if (exitWith != 0) exitWhenEnds(exitWith);
        LOG.log(System.Logger.Level.INFO, "mounted " + image + " at " + mountPoint);
        spec.commandLine().getOut().printf("mounted %s at %s%n", image, mountPoint);
        spec.commandLine().getOut().flush();
        session.awaitTermination();
        csd.close();
        fs.close();
        LOG.log(System.Logger.Level.INFO, "unmounted " + mountPoint + "; " + image + " committed");
        try {
            Runtime.getRuntime().removeShutdownHook(closer);
        } catch (IllegalStateException shuttingDown) {
            // the hook closes (idempotently) as well
        }
        return session.loopResult() == 0 ? 0 : 1;
    }

    /**
     * Exits (through the shutdown hooks: unmount, then commit, as on SIGTERM) once process
     * {@code pid} has ended; at once when it already has.
     */
    private static void exitWhenEnds(long pid) {
        Runnable exit = () -> Thread.ofPlatform().name("exit-with " + pid).start(() -> {
            LOG.log(System.Logger.Level.INFO, "process " + pid + " ended: unmounting");
            System.exit(0);
        });
        ProcessHandle.of(pid).ifPresentOrElse(h -> h.onExit().thenRun(exit), exit);
    }

    private OffloadOptions offloadOptions(ComputationalStorageDevice csd) {
        OffloadOptions o = OffloadOptions.defaults(csd).withDirectIoAll(directIo);
        return readAhead < 0 ? o : o.withReadAhead(readAhead);
    }

    private MountOptions fuseOptions() {
        String name = image.getFileName().toString().replaceAll("[^A-Za-z0-9._/+-]", "_");
        boolean root = "root".equals(System.getProperty("user.name"));
        return MountOptions.defaults().withFsName(name.isEmpty() ? "fluffle" : name)
                .withAllowOther(root).withDefaultPermissions(true).withDebug(fuseDebug);
    }

    private int daemonize() throws Exception {
        Path logFile = log != null ? log : Path.of(image + ".mount.log");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "mount", "-f"));
        Level level = Logger.getLogger("").getLevel();
        if (level != null && level.intValue() <= Level.FINE.intValue()) cmd.add("-vv");
        else if (level != null && level.intValue() <= Level.INFO.intValue()) cmd.add("-v");
        if (fuseDebug) cmd.add("-d");
        cmd.add("--kernel-time-limit=" + kernelTimeLimitMillis);
        if (directIo) cmd.add("--direct-io");
        if (readAhead >= 0) cmd.add("--read-ahead=" + readAhead);
        if (exitWith != 0) cmd.add("--exit-with=" + exitWith);
        cmd.add("--kernel-slots=" + kernelSlots);
        cmd.addAll(List.of(image.toAbsolutePath().toString(), mountPoint.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path abs = mountPoint.toAbsolutePath();
        while (System.nanoTime() < deadline) {
            if (MountTable.isMounted(abs) && isLive(abs)) {
                spec.commandLine().getOut().printf("mounted %s at %s (log %s); unmount with: fusermount3 -u %s%n",
                        image, mountPoint, logFile, mountPoint);
                return 0;
            }
            if (!p.isAlive() && p.exitValue() != 0 && !MountTable.isMounted(abs)) break;
            Thread.sleep(50);
        }
        List<String> lines = Files.exists(logFile) ? Files.readAllLines(logFile) : List.of();
        String last = lines.isEmpty() ? "no log output" : lines.getLast();
        throw new UserError("mount of " + image + " at " + mountPoint + " failed: " + last + " (see " + logFile + ")");
    }
}
