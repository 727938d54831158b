package org.opencsd.cli.csd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencsd.cli.UserError;
import org.opencsd.csd.BundledKernels;

/**
 * A kernel named on the command line: a file, or the name of a bundled kernel ({@code zcsd_demo},
 * with or without {@code .o}) when no such file exists. Immutable.
 *
 * @param name  the kernel's name (file name without {@code .o}), used to decode its result
 * @param bytes the ELF object
 */
record ProgramSource(String name, byte[] bytes) {
    static ProgramSource resolve(String arg) {
        Path p = Path.of(arg);
        String base = p.getFileName().toString();
        String name = base.endsWith(".o") ? base.substring(0, base.length() - 2) : base;
        if (Files.isRegularFile(p)) {
            try {
                return new ProgramSource(name, Files.readAllBytes(p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (p.getParent() == null) {
            var bundled = BundledKernels.find(name);
            if (bundled.isPresent()) return new ProgramSource(name, bundled.get());
        }
        throw new UserError("no such file: " + arg + " (bundled kernels: " + String.join(", ", BundledKernels.NAMES) + ")");
    }
}
