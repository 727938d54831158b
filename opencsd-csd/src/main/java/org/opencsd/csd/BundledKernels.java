package org.opencsd.csd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The kernels of {@code kernels/*.c}, compiled by the build into this module's jar under
 * {@code org/opencsd/csd/kernels/NAME.o} (next to this class, so that no other module's kernels of the same name can shadow them), found by name ({@code zcsd_demo}, {@code sum_u64}, ...). Stateless;
 * thread-safe.
 */
public final class BundledKernels {
    /** The names of the bundled kernels. */
    public static final List<String> NAMES = List.of("zcsd_demo", "sum_u64", "byte_histogram", "pattern_count",
            "min_max", "passthrough", "empty", "u32_counter", "upper_case", "lba_list", "byte_histogram_heap");

    private BundledKernels() {}

    /** The ELF object of kernel {@code name}, when it is bundled. */
    public static Optional<byte[]> find(String name) {
        if (!NAMES.contains(name)) return Optional.empty();
        try (InputStream in = BundledKernels.class.getResourceAsStream("kernels/" + name + ".o")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ELF object of kernel {@code name}; fails when it is not bundled (a build without clang). */
    public static byte[] get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no bundled kernel named " + name
                + " (bundled: " + String.join(", ", NAMES) + ")"));
    }
}
