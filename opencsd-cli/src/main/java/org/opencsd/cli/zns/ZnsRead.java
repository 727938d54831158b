package org.opencsd.cli.zns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.cli.progress.ProgressOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns read}: one Read command into a file. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = {"Read N blocks from LBA into FILE (read-only).",
                "LBAs past a write pointer read as zeroes. Use --output - for standard output."},
        footer = {"", "Example:", "  opencsd zns read dev.img --lba 0 --blocks 8 --output out.bin"})
public final class ZnsRead implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--lba", required = true, paramLabel = "LBA", converter = LbaConverter.class,
            description = "Start LBA (decimal or 0x hex).")
    long lba;

    @Option(names = "--blocks", required = true, paramLabel = "N", description = "Number of blocks to read.")
    int blocks;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to put the data ('-' = stdout).")
    Path output;

    @Mixin ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        if (blocks <= 0) throw new UserError("--blocks must be at least 1, not " + blocks);
        try (ZonedDevice d = Devices.forReading(image)) {
            if ((long) blocks * d.geometry().lbaSize() > Integer.MAX_VALUE - 8) {
                throw new UserError("--blocks " + blocks + " is too large for one read");
            }
            byte[] data = ChunkedIo.read(d, lba, blocks, progress.forced());
            if (output.toString().equals("-")) {
                System.out.write(data);
                System.out.flush();
            } else {
                Files.write(output, data);
                spec.commandLine().getOut().printf("read %d LBA%s from LBA %s into %s%n", blocks, blocks == 1 ? "" : "s",
                        Devices.hex(lba), output);
            }
        }
        return 0;
    }
}
