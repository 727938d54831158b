package org.opencsd.bench.csd;

/**
 * Bytes moved to the host per operation of {@link CsdOffloadBenchmark}: the host baseline reads
 * the whole zone; the offloaded kernel returns only its result (1 KiB for byte_histogram's 256
 * u32 counts, 8 bytes for the others), which the benchmark's set-up checks byte for byte against
 * the host's answer. Stateless.
 */
public final class OffloadBytes {
    private OffloadBytes() {}

    /** Bytes to the host for {@code kernel} over a zone of {@code zoneMiB} MiB, offloaded or not. */
    public static long toHost(String kernel, boolean offloaded, long zoneMiB) {
        if (!offloaded) return zoneMiB << 20;
        return kernel.equals("byte_histogram") ? 1024 : 8;
    }
}
