package org.opencsd.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One result of a JMH JSON file ({@code -rf json}): the benchmark method, its parameters and the
 * primary score. Immutable.
 *
 * @param benchmark fully qualified method, e.g. {@code org.opencsd.bench.jit.JitBenchmark.run}
 * @param mode      JMH mode ({@code thrpt}, {@code avgt}, {@code ss})
 * @param params    benchmark parameters, sorted by name
 * @param score     primary score
 * @param error     its 99.9 % error half-width (NaN when JMH had too few samples)
 * @param unit      score unit, e.g. {@code ops/s}, {@code ms/op}
 */
public record JmhRecord(String benchmark, String mode, Map<String, String> params, double score, double error, String unit) {
    public JmhRecord {
        params = Map.copyOf(params);
    }

    /** The method name after the last dot. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** The simple class name of the benchmark. */
    public String className() {
        String c = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return c.substring(c.lastIndexOf('.') + 1);
    }

    /** A parameter's value, or "" when the benchmark has no such parameter. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Whether a higher score is better (throughput) rather than lower (time per operation). */
    public boolean higherIsBetter() {
        return mode.equals("thrpt");
    }

    /**
     * Reads every result of a JMH JSON file.
     *
     * @throws IOException when the file cannot be read or is not a JMH result array
     */
    public static List<JmhRecord> read(Path file) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + " is not JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonArray()) throw new IOException(file + " is not a JMH result array");
        List<JmhRecord> out = new ArrayList<>();
        for (JsonElement e : (JsonArray) root) {
            JsonObject o = e.getAsJsonObject();
            Map<String, String> params = new TreeMap<>();
            if (o.has("params")) o.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            JsonObject m = o.getAsJsonObject("primaryMetric");
            double err = m.has("scoreError") && m.get("scoreError").isJsonPrimitive()
                    && m.get("scoreError").getAsJsonPrimitive().isNumber() ? m.get("scoreError").getAsDouble() : Double.NaN;
            out.add(new JmhRecord(o.get("benchmark").getAsString(), o.get("mode").getAsString(), params,
                    m.get("score").getAsDouble(), err, m.get("scoreUnit").getAsString()));
        }
        return out;
    }
}
