package org.opencsd.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FUSE_HANDLE_KILLPRIV_V2}: negotiated for a filesystem that clears set-user-ID and
 * set-group-ID itself (FluffleFS), not for one that does not (the in-memory test filesystem);
 * what it saves (the {@code security.capability} request before every buffered write) and what
 * the server then owes (clearing the bits on an unprivileged write, truncate, {@code O_TRUNC}
 * open, and on chown).
 */
class KillPrivTest {
    private static final int WRITES = 200;
    private static final String NOBODY = "setpriv --reuid=65534 --regid=65534 --clear-groups ";

    @TempDir
    Path tmp;

    private static long getxattrs(FuseSession s) {
        return s.requestCounts().getOrDefault("getxattr", 0L);
    }

    private static long writes(FuseSession s) {
        return s.requestCounts().getOrDefault("write", 0L);
    }

    /** 200 separate 4 KiB writes (no writeback cache: each is one WRITE request). */
    private static void write200(Path root) throws Exception {
        FuseTestSupport.shOk(root, "dd if=/dev/zero of=f bs=4k count=" + WRITES + " status=none");
    }

    @Test
    void fluffleNegotiatesItAndTheKernelStopsAskingForSecurityCapability() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            assumeTrue(m.session.kernelOfferedKillPrivV2(), "this kernel does not offer FUSE_HANDLE_KILLPRIV_V2 (before 5.11)");
            assertTrue(m.session.killPrivV2(), "FUSE_HANDLE_KILLPRIV_V2 in the INIT reply");
            long x0 = getxattrs(m.session), w0 = writes(m.session);
            write200(m.root);
            long wrote = writes(m.session) - w0, asked = getxattrs(m.session) - x0;
            assertEquals(WRITES, wrote);
            assertTrue(asked <= 2, asked + " getxattr requests for " + wrote + " writes");
        }
    }

    @Test
    void aFilesystemThatDoesNotClearTheBitsKeepsTheKernelAsking() throws Exception {
        try (MountedMemoryFs m = MountedMemoryFs.mount(tmp)) {
            assertFalse(m.session.killPrivV2());
            long x0 = getxattrs(m.session), w0 = writes(m.session);
            write200(m.root);
            long wrote = writes(m.session) - w0, asked = getxattrs(m.session) - x0;
            assertEquals(WRITES, wrote);
            assertTrue(asked >= WRITES, asked + " getxattr requests for " + wrote + " writes");
        }
    }

    @Test
    void unprivilegedWriteTruncateAndOpenWithTruncClearTheBitsRootKeepsThem() throws Exception {
        assumeTrue(FuseTestSupport.onPath("setpriv"), "setpriv (util-linux) missing");
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            Path r = m.root;
            FuseTestSupport.shOk(r, "for f in w t o root lock; do : > $f; done"
                    + " && chmod 6777 w t o root && chmod 2767 lock");
            FuseTestSupport.shOk(r, NOBODY + "sh -c 'printf x >> w && truncate -s 1 t && printf y > o && printf z >> lock'");
            FuseTestSupport.shOk(r, "printf x >> root && truncate -s 0 root");
            assertEquals(0777, mode(m, r.resolve("w")), "write by nobody");
            assertEquals(0777, mode(m, r.resolve("t")), "truncate by nobody");
            assertEquals(0777, mode(m, r.resolve("o")), "open(O_TRUNC) by nobody");
            assertEquals(02767, mode(m, r.resolve("lock")), "set-gid without group-execute is kept");
            assertEquals(06777, mode(m, r.resolve("root")), "root (CAP_FSETID) keeps the bits");
            assertEquals("x", Files.readString(r.resolve("w")));
            assertEquals("y", Files.readString(r.resolve("o")));
        }
    }

    /**
     * A write's reply and an open's carry no attributes, so after the server cleared the bits
     * the kernel would show the mode it cached until the attribute timeout (1 s, the default kept
     * here) had passed: {@code stat -c %a} (a statx for the mode only) showed 6777. The adapter
     * tells the kernel to drop the cached attributes when it cleared something.
     */
    @Test
    void statShowsTheClearedModeRightAfterAnUnprivilegedWriteOrTruncatingOpen() throws Exception {
        assumeTrue(FuseTestSupport.onPath("setpriv"), "setpriv (util-linux) missing");
        assertEquals(java.time.Duration.ofSeconds(1), MountOptions.defaults().attrTimeout());
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            Path r = m.root;
            FuseTestSupport.shOk(r, ": > w && : > o && : > plain && chmod 6777 w o && chmod 777 plain");
            assertEquals("6777\n6777\n777\n", FuseTestSupport.shOk(r, "stat -c %a w o plain"), "cached by the kernel");
            String seen = FuseTestSupport.shOk(r, NOBODY + "sh -c 'printf x >> w && : > o && printf y >> plain"
                    + " && stat -c %a w o plain'");
            assertEquals("777\n777\n777\n", seen, "the mode right after the write, the O_TRUNC open and a plain write");
            assertEquals(0777, mode(m, r.resolve("w")));
            assertEquals(0777, mode(m, r.resolve("o")));
        }
    }

    @Test
    void chownClearsTheBitsEvenForRoot() throws Exception {
        Path image = MountedFluffle.format(tmp, 16);
        try (MountedFluffle m = MountedFluffle.mount(image, tmp)) {
            FuseTestSupport.shOk(m.root, ": > c && chmod 6755 c && chown 65534 c && mkdir d && chmod 2755 d && chown 65534 d");
            assertEquals(0755, mode(m, m.root.resolve("c")));
            assertEquals(02755, mode(m, m.root.resolve("d")), "a directory keeps set-gid");
        }
    }

    /** The mode FluffleFS stores (the kernel's cached copy may lag by the attribute timeout). */
    private static int mode(MountedFluffle m, Path p) throws Exception {
        long ino = (Long) Files.getAttribute(p, "unix:ino");
        return m.fs.getattr(ino).mode();
    }
}
