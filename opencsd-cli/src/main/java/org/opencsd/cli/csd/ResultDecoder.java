package org.opencsd.cli.csd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the return data of the bundled kernels means, by kernel name: counts and sums as u64, the
 * histogram's Shannon entropy, min/max. Unknown kernels decode to nothing. Stateless; thread-safe.
 */
final class ResultDecoder {
    private ResultDecoder() {}

    /** Named values decoded from {@code data}, in print order; empty when the kernel or size is unknown. */
    static Map<String, String> decode(String kernel, byte[] data) {
        Map<String, String> out = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (kernel) {
            case "zcsd_demo" -> { if (data.length == 8) out.put("count above RAND_MAX/2", Long.toUnsignedString(b.getLong())); }
            case "pattern_count" -> { if (data.length == 8) out.put("matches", Long.toUnsignedString(b.getLong())); }
            case "sum_u64" -> { if (data.length == 8) out.put("sum", Long.toUnsignedString(b.getLong())); }
            case "min_max" -> {
                if (data.length == 8) {
                    out.put("min", Integer.toUnsignedString(b.getInt()));
                    out.put("max", Integer.toUnsignedString(b.getInt()));
                }
            }
            case "byte_histogram" -> { if (data.length == 1024) histogram(b, out); }
            default -> { }
        }
        return out;
    }

    private static void histogram(ByteBuffer b, Map<String, String> out) {
        long[] bins = new long[256];
        long total = 0;
        int used = 0;
        for (int i = 0; i < 256; i++) {
            bins[i] = Integer.toUnsignedLong(b.getInt());
            total += bins[i];
            if (bins[i] != 0) used++;
        }
        double h = 0;
        for (long n : bins) {
            if (n == 0) continue;
            double p = (double) n / total;
            h -= p * Math.log(p) / Math.log(2);
        }
        out.put("bytes counted", Long.toString(total));
        out.put("distinct byte values", Integer.toString(used));
        out.put("entropy", String.format(Locale.ROOT, "%.6f bits/byte", h));
    }

    /** Hex of the first {@code max} bytes, with the total when cut. */
    static String hex(byte[] data, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, data.length); i++) sb.append(String.format("%02x", data[i] & 0xff));
        if (data.length > max) sb.append("... (").append(data.length).append(" bytes)");
        return sb.toString();
    }
}
