package org.opencsd.cli.zns;

import org.opencsd.zns.ZoneAction;
import picocli.CommandLine.Command;

/** {@code opencsd zns offline}: Zone Management Send, OFFLINE action. */
@Command(name = "offline", mixinStandardHelpOptions = true,
        description = "Take Read Only zones offline (READONLY -> OFFLINE).",
        footer = {"", "Example:", "  opencsd zns offline dev.img --zone 3"})
public final class ZnsOffline extends ZoneManagementCommand {
    @Override
    ZoneAction action() {
        return ZoneAction.OFFLINE;
    }
}
