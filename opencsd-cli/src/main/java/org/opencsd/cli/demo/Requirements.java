package org.opencsd.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencsd.cli.UserError;
import org.opencsd.csd.BundledKernels;
import org.opencsd.fuse.FuseSession;

/**
 * What the demo needs from the machine, checked before it touches anything: libfuse3, the
 * {@code /dev/fuse} device, {@code fusermount3}, and the two kernels compiled by the build
 * (clang). Stateless.
 */
final class Requirements {
    /** The kernels the demo runs. */
    static final List<String> KERNELS = List.of("byte_histogram", "zcsd_demo");

    private Requirements() {}

    /** Throws a {@link UserError} naming everything that is missing and how to get it; returns when all is there. */
    static void check() {
        List<String> missing = new ArrayList<>();
        if (!FuseSession.libraryAvailable()) missing.add("libfuse3 (apt-get install fuse3)");
        if (!Files.exists(Path.of("/dev/fuse"))) missing.add("/dev/fuse (a kernel with FUSE; in a container: --device /dev/fuse --cap-add SYS_ADMIN)");
        if (onPath("fusermount3") == null) missing.add("fusermount3 (apt-get install fuse3)");
        for (String k : KERNELS) {
            if (BundledKernels.find(k).isEmpty()) missing.add("the kernel " + k + ".o, compiled by the build with clang (apt-get install clang, then make build)");
        }
        if (!missing.isEmpty()) {
            throw new UserError("the demo needs " + String.join(", ", missing) + "; `make setup` installs the packages");
        }
    }

    /** The executable {@code name} on {@code PATH}, or null. */
    static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
