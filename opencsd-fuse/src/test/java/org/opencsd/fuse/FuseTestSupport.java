package org.opencsd.fuse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Preconditions and process helpers shared by the mounting tests. */
final class FuseTestSupport {
    private FuseTestSupport() {}

    /** Skips the calling test unless this machine can mount FUSE filesystems as root. */
    static void assumeFuseMountable() throws IOException {
        assumeTrue(FuseSession.libraryAvailable(), "libfuse3.so.3 not installed (Debian package fuse3; make setup)");
        assumeTrue(Files.exists(Path.of("/dev/fuse")), "/dev/fuse missing: no FUSE in this kernel/container");
        assumeTrue(onPath("fusermount3"), "fusermount3 not on PATH (Debian package fuse3; make setup)");
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assumeTrue(uid == 0, "mount tests need root (uid " + uid + ")");
        assumeTrue(Files.isReadable(Path.of("/dev/fuse")) && Files.isWritable(Path.of("/dev/fuse")), "/dev/fuse not accessible");
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    /** The outcome of a finished child process. */
    record Result(int exit, String output, long pid) {}

    /** Runs {@code command} in {@code dir}, stdout and stderr merged; fails after 60 s. */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out), p.pid());
    }

    /** Runs a {@code sh -c} script in {@code dir}. */
    static Result sh(Path dir, String script) throws IOException, InterruptedException {
        return run(dir, List.of("sh", "-c", script));
    }

    /** Runs {@code script} with {@code sh} in {@code dir}, asserts exit 0, returns its output. */
    static String shOk(Path dir, String script) throws IOException, InterruptedException {
        Result r = sh(dir, script);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(), () -> script + " failed:\n" + r.output());
        return r.output();
    }

    /**
     * Writes a small random tree under {@code at}: {@code files} files of random sizes below
     * {@code maxBytes} in {@code sub} and {@code sub/deeper}, and a symlink {@code sub/link}.
     */
    static void randomTree(Path at, long seed, int files, int maxBytes) throws IOException {
        java.nio.file.Files.createDirectories(at.resolve("sub/deeper"));
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < files; i++) {
            byte[] b = new byte[random.nextInt(maxBytes)];
            random.nextBytes(b);
            java.nio.file.Files.write(at.resolve(i % 2 == 0 ? "sub" : "sub/deeper").resolve("f" + i), b);
        }
        java.nio.file.Files.createSymbolicLink(at.resolve("sub/link"), Path.of("deeper/f1"));
    }
}
