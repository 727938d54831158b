package org.opencsd.cli.zns;

import org.opencsd.zns.ZoneAction;
import picocli.CommandLine.Command;

/** {@code opencsd zns reset}: Zone Management Send, RESET action. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = "Reset zones (-> EMPTY; write pointer to the zone start; data reads back as zeroes).",
        footer = {"", "Example:", "  opencsd zns reset dev.img --all"})
public final class ZnsReset extends ZoneManagementCommand {
    @Override
    ZoneAction action() {
        return ZoneAction.RESET;
    }
}
