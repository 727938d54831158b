package org.opencsd.bench.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One garbage-collection write-amplification measurement as {@code gc-wa.json} stores it
 * (written by {@link BenchReport} from {@code FsWriteAmplification}). WA is device bytes written
 * over application bytes written in the same run, so its baseline (1.0) is built in. Immutable.
 */
public record GcResult(double utilisation, long overwrites, double writeAmplification, double metadataShare,
                       long blocksMoved, long zonesReclaimed, double seconds) {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** Reads a {@code gc-wa.json} file. */
    public static List<GcResult> read(Path file) throws IOException {
        try {
            GcResult[] rs = GSON.fromJson(Files.readString(file), GcResult[].class);
            if (rs == null) throw new IOException(file + " is empty");
            return Arrays.asList(rs);
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a list of GC results: " + e.getMessage(), e);
        }
    }

    /** Writes {@code results} as a {@code gc-wa.json} file. */
    public static void write(Path file, List<GcResult> results) throws IOException {
        Files.writeString(file, GSON.toJson(results.toArray(new GcResult[0])));
    }
}
