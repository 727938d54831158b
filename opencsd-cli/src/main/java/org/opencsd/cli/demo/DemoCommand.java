package org.opencsd.cli.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.cli.chart.ChartFiles;
import org.opencsd.cli.map.ZoneMap;
import org.opencsd.cli.progress.Progress;
import org.opencsd.cli.progress.ProgressOption;
import org.opencsd.cli.zns.SizeConverter;
import org.opencsd.csd.BundledKernels;
import org.opencsd.fluffle.Formatter;
import org.opencsd.fluffle.Fsck;
import org.opencsd.fluffle.FsckReport;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code opencsd demo}: the first ten minutes of a new user in one command. In a temporary
 * folder: a zoned image with FluffleFS, mounted by a child {@code opencsd mount -f}; a data set
 * written through the mount; its entropy computed by reading it all and by the offloaded
 * {@code byte_histogram} kernel; the ZCSD count on a raw zone by the host and on the device; a
 * side-by-side table and a picture of the zones. Unmounts and deletes the folder at the end,
 * on errors and on Ctrl-C ({@link Workspace}). Exit 0 when every pair of answers is equal.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show computational storage end to end on a fresh temporary image (deleted afterwards, also on Ctrl-C):",
                "mkfs, mount, write a data set, its entropy by reading it all vs an offloaded histogram kernel,",
                "the ZCSD count over a zone on the host vs on the device, a table and a zone map.",
                "Needs libfuse3/fusermount3 and the kernels compiled by the build (clang)."},
        footer = {"", "Examples:", "  opencsd demo", "  opencsd demo --data-size 32M --zone-size 16M --map /tmp/zones.png"})
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--data-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "The data set written through the mount (default: 128M, less when the disk is short).")
    Long dataSize;

    @Option(names = "--zone-size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "The zone of the ZCSD count (default: 64M, less when the disk is short).")
    Long zoneSize;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the temporary folder is made (default: the system's, ${DEFAULT-VALUE}).",
            defaultValue = "${sys:java.io.tmpdir}")
    Path workDir;

    @Option(names = "--map", paramLabel = "FILE", defaultValue = "opencsd-demo-zones.png",
            description = "The zone map picture written next to the table, .png or .svg (default: ${DEFAULT-VALUE}).")
    Path map;

    @Mixin ProgressOption progress = new ProgressOption();

    private PrintWriter out;
    private int step;

    @Override
    public Integer call() throws Exception {
        Requirements.check();
        try {
            ChartFiles.formatOf(map);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (!Files.isDirectory(workDir)) throw new UserError("--work-dir " + workDir + ": not a directory");
        DemoSizes sizes = DemoSizes.fit(dataSize, zoneSize, Files.getFileStore(workDir).getUsableSpace());
        out = spec.commandLine().getOut();
        long start = System.nanoTime();
        try (Workspace ws = Workspace.create(workDir, System.err)) {
            say("OpenCSD demo in %s (deleted at the end, also on Ctrl-C)", ws.dir());
            say("sizes: %s", sizes.describe());
            try {
                boolean equal = run(ws, sizes);
                say("");
                say("done in %.1f s; unmounted, deleting %s", (System.nanoTime() - start) / 1e9, ws.dir());
                return equal ? 0 : 1;
            } catch (Exception | Error e) {
                if (ws.interrupted()) return 130;
                showLogTail(ws.dir().resolve("mount.log"));
                throw e;
            }
        }
    }

    private boolean run(Workspace ws, DemoSizes sizes) throws Exception {
        Path image = ws.dir().resolve("fs.img");
        Path mnt = Files.createDirectory(ws.dir().resolve("mnt"));
        makeImage(image, sizes);
        mount(ws, image, mnt);
        Path kernel = writeData(ws, mnt, sizes);
        step("entropy of data.bin: (a) read it all, (b) byte_histogram attached with user.process.csd_read_stream");
        Comparison entropy = entropy(mnt.resolve("data.bin"), kernel, sizes, ws);
        say("(a) %s   (b) %s", entropy.host().answer(), entropy.device().answer());
        boolean clean = unmountAndCheck(ws, image);
        step("the ZCSD demo: count the u32 values above RAND_MAX/2 in a zone, on the host vs on the device");
        Comparison zcsd = zcsd(sizes, ws);
        say("host %s   device %s", zcsd.host().answer(), zcsd.device().answer());
        step("the table");
        ResultTable.print(out, List.of(entropy, zcsd));
        writeMap(image);
        boolean ok = entropy.equal() && zcsd.equal() && clean;
        if (!ok) System.err.println("opencsd: the demo failed: " + (clean ? "the two ways gave different answers" : "fsck found problems"));
        return ok;
    }

    private void makeImage(Path image, DemoSizes sizes) throws IOException {
        step("a zoned device image with FluffleFS");
        try (ZonedDevice d = ZonedDevices.create(image, sizes.fsGeometry())) {
            Formatter.format(d, System.currentTimeMillis() * 1_000_000L);
        }
        say("created and formatted %s: %d zones of %s", image.getFileName(), sizes.fsGeometry().zoneCount(),
                SizeConverter.human(DemoSizes.FS_ZONE));
    }

    private void mount(Workspace ws, Path image, Path mnt) throws IOException, InterruptedException {
        step("mount it: `opencsd mount -f -v` in a child process, which serves the file system");
        Path log = ws.dir().resolve("mount.log");
        ChildMount mount = ChildMount.start(image, mnt, log);
        ws.mounted(mount);
        mount.awaitMounted();
        say("mounted at %s by process %d (log: %s)", mnt, mount.pid(), log.getFileName());
    }

    /** Stores the kernel and writes data.bin on the mount; returns the kernel's path. */
    private Path writeData(Workspace ws, Path mnt, DemoSizes sizes) throws IOException {
        step("store the byte_histogram kernel on the mount and write the data set");
        Path kernel = ws.onMount(() -> Files.write(mnt.resolve("byte_histogram.o"), BundledKernels.get("byte_histogram")));
        long t = System.nanoTime();
        try (Progress bar = Progress.start("data.bin", sizes.dataBytes(), "MiB", 1 << 20, progress.forced(), false)) {
            ws.onMount(() -> {
                DataSet.write(mnt.resolve("data.bin"), sizes.dataBytes(), 1, ws, bar::step);
                return null;
            });
        }
        say("wrote data.bin: %s of text-like bytes in %.2f s", SizeConverter.human(sizes.dataBytes()), (System.nanoTime() - t) / 1e9);
        return kernel;
    }

    /** Unmounts (the child commits) and runs fsck on the image; returns whether it is clean. */
    private boolean unmountAndCheck(Workspace ws, Path image) throws IOException, InterruptedException {
        step("unmount (the child commits the image) and check it");
        if (!ws.unmount()) throw new UserError("the mount's process did not exit cleanly after the unmount (its log follows)");
        FsckReport fsck;
        try (ZonedDevice d = ZonedDevices.openReadOnly(image)) {
            fsck = Fsck.check(d);
        }
        say("fsck: %s (%d inodes, %d extents)", fsck.clean() ? "clean" : "PROBLEMS " + fsck.problems(), fsck.inodes(), fsck.extents());
        return fsck.clean();
    }

    private Comparison entropy(Path data, Path kernel, DemoSizes sizes, Workspace ws) throws IOException {
        long t0 = System.nanoTime();
        Entropy.Histogram plain = ws.onMount(() -> Entropy.readAll(data, ws));
        long t1 = System.nanoTime();
        Entropy.Histogram offloaded = ws.onMount(() -> Entropy.offloaded(data, kernel, ws));
        long t2 = System.nanoTime();
        String task = "entropy of data.bin (" + SizeConverter.human(sizes.dataBytes()) + ", on the mount)";
        return new Comparison(task,
                new Measurement("read all (O_DIRECT), count", plain.answer(), t1 - t0, plain.bytesToHost()),
                new Measurement("offloaded byte_histogram", offloaded.answer(), t2 - t1, offloaded.bytesToHost()),
                Arrays.equals(plain.bins(), offloaded.bins()));
    }

    private Comparison zcsd(DemoSizes sizes, Workspace ws) throws IOException {
        Path image = ws.dir().resolve("zcsd.img");
        try (Progress bar = Progress.start("fill zone 0", sizes.zcsdZoneBytes(), "MiB", 1 << 20, progress.forced(), false)) {
            ZcsdCount.prepare(image, sizes.zcsdGeometry(), bar::step);
        }
        say("filled zone 0 of %s: %s of random u32 values (seed %d)", image.getFileName(), SizeConverter.human(sizes.zcsdZoneBytes()),
                ZcsdCount.SEED);
        Measurement host = ZcsdCount.onHost(image);
        Measurement device = ZcsdCount.onDevice(image);
        String task = "ZCSD count > RAND_MAX/2 (" + SizeConverter.human(sizes.zcsdZoneBytes()) + " zone)";
        return new Comparison(task, host, device, host.answer().equals(device.answer()));
    }

    private void writeMap(Path image) throws IOException {
        Path parent = map.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (ZonedDevice d = ZonedDevices.openReadOnly(image)) {
            ZoneMap.write(d, "demo fs.img", map, 1200, 800);
        }
        say("zone map of fs.img after the run: %s", map);
    }

    /** The last lines of the mount's log, on standard error, before the folder is deleted: why a failed run failed. */
    private static void showLogTail(Path log) {
        try {
            if (!Files.exists(log)) return;
            List<String> lines = Files.readAllLines(log);
            for (String l : lines.subList(Math.max(0, lines.size() - 8), lines.size())) System.err.println("mount.log: " + l);
        } catch (IOException | RuntimeException e) {
            System.err.println("opencsd: cannot read the mount's log: " + e.getMessage());
        }
    }

    private void step(String what) {
        say("");
        say("== %d. %s", ++step, what);
    }

    private void say(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }
}
