package org.opencsd.cli.zns;

import org.opencsd.zns.ZoneAction;
import picocli.CommandLine.Command;

/** {@code opencsd zns finish}: Zone Management Send, FINISH action. */
@Command(name = "finish", mixinStandardHelpOptions = true,
        description = "Finish zones (Empty, open, Closed -> FULL).",
        footer = {"", "Example:", "  opencsd zns finish dev.img --zone 3"})
public final class ZnsFinish extends ZoneManagementCommand {
    @Override
    ZoneAction action() {
        return ZoneAction.FINISH;
    }
}
