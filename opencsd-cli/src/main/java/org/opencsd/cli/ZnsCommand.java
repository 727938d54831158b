package org.opencsd.cli;

import org.opencsd.cli.zns.ZnsAppend;
import org.opencsd.cli.zns.ZnsClose;
import org.opencsd.cli.zns.ZnsCreate;
import org.opencsd.cli.zns.ZnsFault;
import org.opencsd.cli.zns.ZnsFinish;
import org.opencsd.cli.zns.ZnsInfo;
import org.opencsd.cli.zns.ZnsMap;
import org.opencsd.cli.zns.ZnsOffline;
import org.opencsd.cli.zns.ZnsOpen;
import org.opencsd.cli.zns.ZnsPowerCycle;
import org.opencsd.cli.zns.ZnsRead;
import org.opencsd.cli.zns.ZnsReportZones;
import org.opencsd.cli.zns.ZnsReset;
import org.opencsd.cli.zns.ZnsSetExtension;
import org.opencsd.cli.zns.ZnsWrite;
import picocli.CommandLine.Command;

/** {@code opencsd zns ...}: groups the zns subcommands (package {@code org.opencsd.cli.zns}). */
@Command(name = "zns", mixinStandardHelpOptions = true,
        description = {"Zoned namespace device: create, inspect and drive an emulated ZNS SSD.",
                "The image keeps data and every zone's state, so one command after another acts on one device."},
        subcommands = {ZnsCreate.class, ZnsInfo.class, ZnsReportZones.class, ZnsOpen.class, ZnsClose.class,
                ZnsFinish.class, ZnsReset.class, ZnsOffline.class, ZnsWrite.class, ZnsAppend.class, ZnsRead.class,
                ZnsPowerCycle.class, ZnsFault.class, ZnsSetExtension.class, ZnsMap.class},
        footer = {"", "Example:", "  opencsd zns create dev.img --zones 16 --zone-size 64M",
                "  opencsd zns report-zones dev.img"})
public final class ZnsCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
