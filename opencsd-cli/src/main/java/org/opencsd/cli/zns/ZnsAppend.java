package org.opencsd.cli.zns;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns append}: one Zone Append command; prints the LBA the device assigned. */
@Command(name = "append", mixinStandardHelpOptions = true,
        description = {"Zone Append FILE to zone N; prints the assigned LBA.",
                "The LBA is printed in decimal on standard output; the last block is padded with zeroes."},
        footer = {"", "Example:", "  lba=$(opencsd zns append dev.img --zone 2 --input record.bin)"})
public final class ZnsAppend implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--zone", required = true, paramLabel = "N", description = "The zone number (0-based).")
    int zone;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The data to append ('-' = stdin).")
    Path input;

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = Devices.forWriting(image)) {
            byte[] data = InputData.read(input, d.geometry().lbaSize());
            long lba = d.append(d.geometry().zoneStart(zone), ByteBuffer.wrap(data));
            spec.commandLine().getOut().println(lba);
        }
        return 0;
    }
}
