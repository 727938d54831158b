package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's contracts with a purpose-built filesystem: errors reach the caller as the
 * exact errno, unexpected exceptions become EIO without harming the mount, unimplemented
 * operations are ENOSYS, and requests are served on several threads at once.
 */
class DispatchTest {
    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    /** Root with files "ok", "boom" (getattr throws), "enodata" and "slow" (reads meet at a barrier). */
    static final class Probe implements LowLevelFileSystem {
        final CyclicBarrier meet = new CyclicBarrier(2);
        final Set<Thread> readThreads = ConcurrentHashMap.newKeySet();
        private static final List<String> NAMES = List.of("ok", "boom", "enodata", "slow");

        private static Attributes attrs(long ino) {
            int mode = ino == 1 ? FileMode.S_IFDIR | 0755 : FileMode.S_IFREG | 0644;
            return new Attributes(ino, mode, 1, 0, 0, 0, ino == 1 ? 0 : 4, 1, 4096, T, T, T);
        }

        @Override
        public Entry lookup(Request r, long parent, String name) throws IOException {
            int i = NAMES.indexOf(name);
            if (parent != 1 || i < 0) throw new ErrnoException(Errno.ENOENT);
            return Entry.of(attrs(i + 2));
        }

        @Override
        public Attributes getattr(Request r, long ino, OptionalLong fh) {
            if (ino == 3) throw new NullPointerException("simulated bug");
            return attrs(ino);
        }

        @Override
        public OpenResult open(Request r, long ino, OpenFlags flags) {
            return OpenResult.of(ino).withDirectIo(true);
        }

        @Override
        public void read(Request r, long ino, long fh, long offset, ByteBuffer dst) throws IOException {
            if (ino == 5) {
                readThreads.add(Thread.currentThread());
                try {
                    meet.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new ErrnoException(Errno.ETIMEDOUT, "second reader never arrived");
                }
            }
            if (offset == 0) dst.put("data".getBytes());
        }

        @Override
        public byte[] getxattr(Request r, long ino, String name) throws IOException {
            throw new ErrnoException(Errno.ENODATA);
        }
    }

    @Test
    void errnosBugsUnimplementedAndConcurrency(@TempDir Path tmp) throws Exception {
        FuseTestSupport.assumeFuseMountable();
        Path mnt = Files.createDirectories(tmp.resolve("mnt"));
        Probe probe = new Probe();
        try (FuseSession s = FuseSession.mount(mnt, probe, MountOptions.defaults().withTimeouts(java.time.Duration.ZERO, java.time.Duration.ZERO))) {
            FuseTestSupport.Result bug = FuseTestSupport.sh(mnt, "stat boom");
            assertTrue(bug.output().contains("Input/output error"), bug.output());
            assertEquals("data", Files.readString(mnt.resolve("ok")), "the mount survives a failing operation");

            FuseTestSupport.Result mkdir = FuseTestSupport.sh(mnt, "mkdir newdir");
            assertTrue(mkdir.output().contains("Function not implemented"), mkdir.output());
            FuseTestSupport.Result xattr = FuseTestSupport.sh(mnt, "getfattr -n user.x enodata");
            assertTrue(xattr.output().contains("No such attribute"), xattr.output());

            FuseTestSupport.Result both = FuseTestSupport.sh(mnt, "cat slow > /dev/null & cat slow > /dev/null & wait %1 && wait %2");
            assertEquals(0, both.exit(), "two reads met inside the filesystem at once: " + both.output());
            assertTrue(probe.readThreads.size() >= 2, "served on several threads: " + probe.readThreads);
            assertTrue(s.isRunning());
        }
    }
}
