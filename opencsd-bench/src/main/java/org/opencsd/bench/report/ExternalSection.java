package org.opencsd.bench.report;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A section whose results come from outside JMH, e.g. the fio matrix against the passthrough
 * baseline ({@code fio.json}) or db_bench ({@code db_bench.json}), written by the runner of the
 * mounted file system. The file is a JSON array of rows:
 * {@code {"label": "randread 4k qd1", "candidate": "FluffleFS", "baseline": "passthrough",
 * "value": 812.0, "base": 1930.0, "unit": "MiB/s", "higherIsBetter": true}}. Stateless.
 */
public final class ExternalSection {
    private ExternalSection() {}

    private record Row(String label, String candidate, String baseline, double value, double base, String unit,
                       boolean higherIsBetter) {}

    /** Reads {@code file} into a section with the given id, title and text. */
    public static Section read(Path file, String id, String title, String text) throws IOException {
        Row[] rows;
        try {
            rows = new Gson().fromJson(Files.readString(file), Row[].class);
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a list of comparisons: " + e.getMessage(), e);
        }
        List<Comparison> out = new ArrayList<>();
        if (rows != null) {
            for (Row r : rows) {
                if (r.label() == null || r.candidate() == null || r.baseline() == null || r.base() <= 0 || r.value() <= 0) {
                    throw new IOException(file + ": each row needs label, candidate, baseline and positive value and base");
                }
                out.add(Comparison.of(r.label(), r.candidate(), r.baseline(), r.value(), r.base(),
                        r.unit() == null ? "" : r.unit(), r.higherIsBetter()));
            }
        }
        return new Section(id, title, text, out);
    }
}
