package org.opencsd.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.opencsd.fluffle.FluffleFs;
import org.opencsd.fluffle.Fsck;
import org.opencsd.fluffle.FsckReport;
import org.opencsd.csd.ComputationalStorageDevice;
import org.opencsd.fuse.fluffle.FluffleFileSystem;
import org.opencsd.fuse.fluffle.KernelOffload;
import org.opencsd.fuse.fluffle.OffloadOptions;
import org.opencsd.zns.ZoneGeometry;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;

/**
 * A FluffleFS image file mounted in this JVM under a test directory. {@link #close} unmounts,
 * waits for the session, closes the file system (its final commit) and, as a last resort,
 * detaches the mount with {@code fusermount3 -u -z} so that no failing test leaves one behind.
 */
final class MountedFluffle implements AutoCloseable {
    final Path image;
    final Path root;
    final FluffleFs fs;
    final ComputationalStorageDevice csd;
    final KernelOffload offload;
    final FluffleFileSystem adapter;
    final FuseSession session;

    private MountedFluffle(Path image, Path root, java.util.function.UnaryOperator<OffloadOptions> options) throws IOException {
        this.image = image;
        this.root = root;
        ZonedDevice device = ZonedDevices.open(image);
        // a runaway kernel is stopped after 2 s (the CLI's default is 10 s)
        this.csd = new ComputationalStorageDevice(device, org.opencsd.csd.CsdConfig.DEFAULTS.withLimits(
                org.opencsd.csd.ExecutionLimits.DEFAULTS.withWallTime(java.time.Duration.ofSeconds(2)).withMaxInstructions(1_000_000_000L)));
        this.fs = FluffleFs.mount(device, org.opencsd.fluffle.MountOptions.defaults(), true);
        this.offload = new KernelOffload(fs, csd, options.apply(OffloadOptions.defaults(csd)));
        this.adapter = new FluffleFileSystem(fs, offload);
        try {
            this.session = FuseSession.mount(root, adapter,
                    MountOptions.defaults().withFsName("fluffle-test").withAllowOther(true));
        } catch (IOException | RuntimeException e) {
            csd.close();
            fs.close();
            throw e;
        }
    }

    /** Creates and formats an image of {@code zones} zones of 16 MiB at {@code tmp/dev.img}. */
    static Path format(Path tmp, int zones) throws IOException {
        Path image = tmp.resolve("dev.img");
        try (ZonedDevice d = ZonedDevices.create(image, ZoneGeometry.of(zones, 4096, 4096, 4096))) {
            FluffleFs.format(d);
        }
        return image;
    }

    /** Mounts {@code image} at {@code tmp/mnt}; skips the test when FUSE is unusable. */
    static MountedFluffle mount(Path image, Path tmp) throws IOException {
        FuseTestSupport.assumeFuseMountable();
        return mount(image, tmp, o -> o);
    }

    /** Mounts {@code image} at {@code tmp/mnt} with offload options changed by {@code options}. */
    static MountedFluffle mount(Path image, Path tmp, java.util.function.UnaryOperator<OffloadOptions> options) throws IOException {
        FuseTestSupport.assumeFuseMountable();
        return new MountedFluffle(image, Files.createDirectories(tmp.resolve("mnt")), options);
    }

    /**
     * Offload attachments once the releases in flight have arrived: the kernel sends FUSE's
     * RELEASE after close(2) has returned, so the end of an attachment at the last close is
     * observed within a moment, not at once. Returns the count when it reaches 0 or after 10 s.
     */
    int attachmentsAfterReleases() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (offload.attachments() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        return offload.attachments();
    }

    /** fsck of the (unmounted) image. */
    static FsckReport fsck(Path image) throws IOException {
        try (ZonedDevice d = ZonedDevices.openReadOnly(image)) {
            return Fsck.check(d);
        }
    }

    @Override
    public void close() throws IOException {
        session.requestUnmount();
        try {
            if (!session.awaitTermination(Duration.ofSeconds(20)) || MountTable.isMounted(root)) {
                new ProcessBuilder("fusermount3", "-u", "-z", root.toString()).inheritIO().start().waitFor();
                throw new IllegalStateException("session at " + root + " did not end cleanly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + root, e);
        } finally {
            csd.close();
            fs.close();
        }
    }
}
