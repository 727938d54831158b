package org.opencsd.csd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The test-only kernels of src/test/c, compiled by the build into test-kernels/NAME.o. */
final class TestKernels {
    private TestKernels() {}

    static byte[] get(String name) {
        try (InputStream in = TestKernels.class.getResourceAsStream("/test-kernels/" + name + ".o")) {
            if (in == null) throw new IllegalStateException("test kernel " + name + " was not compiled");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
