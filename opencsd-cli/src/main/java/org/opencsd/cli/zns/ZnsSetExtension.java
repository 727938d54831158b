package org.opencsd.cli.zns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.opencsd.cli.UserError;
import org.opencsd.zns.ZonedDevice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code opencsd zns set-extension}: Set Zone Descriptor Extension (action 10h). */
@Command(name = "set-extension", mixinStandardHelpOptions = true,
        description = {"Set Zone Descriptor Extension: EMPTY -> CLOSED with FILE's bytes.",
                "FILE is padded with zeroes to the image's descriptor extension size."},
        footer = {"", "Example:", "  opencsd zns set-extension dev.img --zone 5 --input label.bin"})
public final class ZnsSetExtension implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The device image.")
    Path image;

    @Option(names = "--zone", required = true, paramLabel = "N", description = "The zone number (0-based).")
    int zone;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The extension bytes.")
    Path input;

    @Override
    public Integer call() throws Exception {
        try (ZonedDevice d = Devices.forWriting(image)) {
            int size = d.geometry().descriptorExtensionSize();
            byte[] data = Files.readAllBytes(input);
            if (size > 0 && data.length > size) {
                throw new UserError("input " + input + " has " + data.length + " bytes; the extension holds " + size);
            }
            d.setDescriptorExtension(d.geometry().zoneStart(zone), Arrays.copyOf(data, Math.max(size, data.length)));
            spec.commandLine().getOut().println("zone " + zone + ": " + d.zone(zone).state().nvmeCliName());
        }
        return 0;
    }
}
