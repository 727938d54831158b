package org.opencsd.cli.zns;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.zns.ZonedDevice;
import org.opencsd.cli.progress.ProgressOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns write}: one Write command at the zone's write pointer. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = {"Write FILE at LBA, the zone's write pointer (one NVMe Write).",
                "The last block is padded with zeroes."},
        footer = {"", "Example:", "  opencsd zns write dev.img --lba 0x4000 --input data.bin"})
public final class ZnsWrite implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--lba", required = true, paramLabel = "LBA", converter = LbaConverter.class,
            description = "Start LBA (decimal or 0x hex).")
    long lba;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The data to write ('-' = stdin).")
    Path input;

    @Mixin ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = Devices.forWriting(image)) {
            byte[] data = InputData.read(input, d.geometry().lbaSize());
            ChunkedIo.write(d, lba, data, progress.forced());
            int n = data.length / d.geometry().lbaSize();
            spec.commandLine().getOut().printf("wrote %d LBA%s at LBA %s%n", n, n == 1 ? "" : "s", Devices.hex(lba));
        }
        return 0;
    }
}
