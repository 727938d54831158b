package org.opencsd.cli.csd;

import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import org.opencsd.csd.CsdResult;

/** The {@code --json} form of a {@code csd run} result: one object. Stateless; thread-safe. */
final class CsdRunJson {
    private CsdRunJson() {}

    static String of(String kernel, CsdResult r, Map<String, String> decoded) {
        var s = r.stats();
        StringJoiner dec = new StringJoiner(",", "{", "}");
        decoded.forEach((k, v) -> dec.add(quote(k) + ":" + quote(v)));
        StringJoiner debug = new StringJoiner(",", "[", "]");
        r.debugMessages().forEach(m -> debug.add(quote(m)));
        return "{\"kernel\":" + quote(kernel) + ",\"engine\":" + quote(s.engineLabel())
                + ",\"r0\":" + Long.toUnsignedString(r.value()) + ",\"r0_int\":" + (int) r.value()
                + ",\"return_data_bytes\":" + r.returnData().length
                + ",\"return_data_hex\":" + quote(HexFormat.of().formatHex(r.returnData()))
                + ",\"decoded\":" + dec + ",\"debug\":" + debug
                + ",\"bytes_read\":" + s.bytesRead() + ",\"bytes_written\":" + s.bytesWritten()
                + ",\"bytes_returned\":" + s.bytesReturned() + ",\"instructions\":" + s.instructions()
                + ",\"helper_calls\":" + s.helperCalls() + ",\"helper_failures\":" + s.helperFailures()
                + ",\"nanos\":" + s.nanos() + "}";
    }

    static String quote(String v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
