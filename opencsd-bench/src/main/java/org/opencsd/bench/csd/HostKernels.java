package org.opencsd.bench.csd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.opencsd.zns.ZonedDevice;

/**
 * The host baseline: the same answers the bundled kernels compute, computed in Java after
 * reading every byte to the host through {@link ZonedDevice#read} (1 MiB at a time). Each
 * returns exactly the kernel's return data, so results can be compared byte for byte.
 * Stateless; thread-safe.
 */
final class HostKernels {
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int CHUNK = 1 << 20;

    private HostKernels() {}

    /** The answer of {@code kernel} over LBAs {@code [first, first + count)}; {@code pattern} for pattern_count. */
    static byte[] compute(String kernel, ZonedDevice d, long first, long count, int pattern) {
        int lba = d.geometry().lbaSize();
        long[] acc = new long[kernel.equals("byte_histogram") ? 256 : 2];
        if (kernel.equals("min_max")) acc[0] = 0xffffffffL;
        byte[] buf = new byte[CHUNK];
        long total = count * lba;
        for (long done = 0; done < total; done += CHUNK) {
            int n = (int) Math.min(CHUNK, total - done);
            d.read(first + done / lba, ByteBuffer.wrap(buf, 0, n));
            accumulate(kernel, buf, n, acc, pattern);
        }
        return result(kernel, acc);
    }

    private static void accumulate(String kernel, byte[] b, int n, long[] acc, int pattern) {
        switch (kernel) {
            case "zcsd_demo" -> { for (int i = 0; i < n; i += 4) if ((int) U32.get(b, i) > Integer.MAX_VALUE / 2) acc[0]++; }
            case "sum_u64" -> { for (int i = 0; i < n; i += 8) acc[0] += (long) U64.get(b, i); }
            case "pattern_count" -> { for (int i = 0; i < n; i += 4) if ((int) U32.get(b, i) == pattern) acc[0]++; }
            case "byte_histogram" -> { for (int i = 0; i < n; i++) acc[b[i] & 0xff]++; }
            case "min_max" -> minMax(b, n, acc);
            default -> throw new IllegalArgumentException("no host version of " + kernel);
        }
    }

    /** zcsd_demo compares unsigned values with RAND_MAX/2; values are below 2^31, so a signed compare agrees. */
    private static void minMax(byte[] b, int n, long[] acc) {
        for (int i = 0; i < n; i += 4) {
            long v = Integer.toUnsignedLong((int) U32.get(b, i));
            if (v < acc[0]) acc[0] = v;
            if (v > acc[1]) acc[1] = v;
        }
    }

    private static byte[] result(String kernel, long[] acc) {
        ByteBuffer out = ByteBuffer.allocate(kernel.equals("byte_histogram") ? 1024 : 8).order(ByteOrder.LITTLE_ENDIAN);
        switch (kernel) {
            case "byte_histogram" -> { for (long v : acc) out.putInt((int) v); }
            case "min_max" -> out.putInt((int) acc[0]).putInt((int) acc[1]);
            default -> out.putLong(acc[0]);
        }
        return out.array();
    }
}
