package org.opencsd.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.fluffle.Fsck;
import org.opencsd.fluffle.FsckReport;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.zns.ZonedDevices;
import org.opencsd.cli.progress.Progress;
import org.opencsd.cli.progress.ProgressOption;
import org.opencsd.cli.zns.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd fsck}: checks every invariant of a FluffleFS image without changing it. */
@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = "Check a FluffleFS image (read-only): prints each problem; exit 0 when clean, 1 otherwise.",
        footer = {"", "Example:", "  opencsd fsck dev.img", "  opencsd fsck dev.img --json"})
public final class FsckCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image.")
    Path image;

    @Option(names = "--json", description = "Print the result as one JSON object (problems, notes, counts).")
    boolean json;

    @Mixin ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        FsckReport r;
        try (ZonedDevice d = ZonedDevices.openReadOnly(image);
             Progress bar = Progress.start("fsck", 0, "", progress.forced(), json)) {
            r = Fsck.check(d);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("{\"image\":" + Json.quote(image.toString()) + ",\"clean\":" + r.clean() + ",\"inodes\":" + r.inodes()
                    + ",\"extents\":" + r.extents() + ",\"problems\":" + array(r.problems()) + ",\"notes\":" + array(r.notes()) + "}");
            return r.clean() ? 0 : 1;
        }
        for (String p : r.problems()) out.println("problem: " + p);
        for (String n : r.notes()) out.println("note: " + n);
        if (r.clean()) {
            out.printf("%s: clean (%d inodes, %d extents)%n", image, r.inodes(), r.extents());
            return 0;
        }
        out.printf("%s: %d problem%s%n", image, r.problems().size(), r.problems().size() == 1 ? "" : "s");
        return 1;
    }

    private static String array(java.util.List<String> items) {
        java.util.StringJoiner j = new java.util.StringJoiner(",", "[", "]");
        for (String i : items) j.add(Json.quote(i));
        return j.toString();
    }
}
