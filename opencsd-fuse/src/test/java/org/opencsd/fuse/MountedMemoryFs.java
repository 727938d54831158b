package org.opencsd.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@link MemoryFileSystem} mounted under a test's temporary directory; closing it unmounts
 * and waits for the session to end, and as a last resort detaches the mount with
 * {@code fusermount3 -u -z} so that no failing test leaves a mount behind.
 */
final class MountedMemoryFs implements AutoCloseable {
    final MemoryFileSystem fs = new MemoryFileSystem();
    final Path root;
    final FuseSession session;

    private MountedMemoryFs(Path root, MountOptions options) throws IOException {
        this.root = root;
        this.session = FuseSession.mount(root, fs, options);
    }

    /** Mounts a fresh filesystem at {@code tmp/mnt}; skips the test when FUSE is unusable. */
    static MountedMemoryFs mount(Path tmp, MountOptions options) throws IOException {
        FuseTestSupport.assumeFuseMountable();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        return new MountedMemoryFs(mnt, options);
    }

    static MountedMemoryFs mount(Path tmp) throws IOException {
        return mount(tmp, MountOptions.defaults().withFsName("memfs-test").withAllowOther(true));
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
        }
    }
}
