package org.opencsd.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencsd.cli.Main;
import org.opencsd.fuse.FuseSession;
import org.opencsd.fuse.MountTable;

/**
 * The README's worked example "Write and attach your own kernel", run exactly as written: the
 * bash block after the {@code kernel-example} marker runs in a fresh folder (with {@code bin/opencsd}
 * running this build's classes and {@code kernels/} the repository's), and its standard output
 * must be the README's "Output" block line by line (only FluffleFS's random uuid may differ).
 */
class ReadmeKernelExampleTest {
    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- kernel-example[^\\n]*-->\\n```bash\\n(.*?)```\\nOutput:\\n```\\n(.*?)```", Pattern.DOTALL);
    private static final String UUID = "uuid [0-9a-f-]{36}";

    @TempDir Path dir;

    @AfterEach
    void unmount() throws Exception {
        Path mnt = dir.resolve("mnt");
        if (MountTable.isMounted(mnt)) new ProcessBuilder("fusermount3", "-u", "-z", mnt.toString()).start().waitFor();
        // the background mount is not our child: wait for it to commit and exit before the folder goes
        for (int i = 0; i < 100 && mountDaemonAlive(); i++) Thread.sleep(100);
    }

    private boolean mountDaemonAlive() {
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine()
                .map(c -> c.contains(" mount ") && c.contains(dir.toString())).orElse(false));
    }

    @Test
    void theReadmeStepsGiveTheReadmeOutput() throws Exception {
        assumeTrue(FuseSession.libraryAvailable() && Files.isWritable(Path.of("/dev/fuse")), "FUSE not available");
        assumeTrue(Requirements.onPath("clang") != null || Requirements.onPath("clang-19") != null, "clang missing");
        assumeTrue(Requirements.onPath("python3") != null, "python3 missing");
        Path root = repositoryRoot();
        Matcher m = EXAMPLE.matcher(Files.readString(root.resolve("README.md")));
        assertTrue(m.find(), "README.md has no kernel-example block followed by its Output");
        String script = m.group(1);
        List<String> expected = m.group(2).lines().map(l -> l.replaceAll(UUID, "uuid U")).toList();

        launcher(Files.createDirectory(dir.resolve("bin")).resolve("opencsd"));
        copyKernelSources(root.resolve("kernels"), Files.createDirectory(dir.resolve("kernels")));
        Path steps = Files.writeString(dir.resolve("steps.sh"), script);
        Process p = new ProcessBuilder("bash", "-e", steps.toString()).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.log").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the README's steps did not finish");
        assertEquals(0, p.exitValue(), out + Files.readString(dir.resolve("stderr.log")));
        assertEquals(expected, out.lines().map(l -> l.replaceAll(UUID, "uuid U")).toList());
    }

    @Test
    void theReadmeShowsTheExampleKernelAsItIsInKernels() throws IOException {
        Path root = repositoryRoot();
        Matcher m = Pattern.compile("## Write and attach your own kernel.*?```c\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(root.resolve("README.md")));
        assertTrue(m.find(), "README.md shows no C kernel under 'Write and attach your own kernel'");
        String source = Files.readString(root.resolve("kernels/line_count.c"));
        assertTrue(source.endsWith(m.group(1)), "the README's kernel is not the end of kernels/line_count.c");
    }

    private static void copyKernelSources(Path from, Path to) throws IOException {
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    /** {@code bin/opencsd} for this build: the classes under test, not a packaged jar. */
    private static void launcher(Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(file, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("kernels"))) return p;
        }
        throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
    }
}
