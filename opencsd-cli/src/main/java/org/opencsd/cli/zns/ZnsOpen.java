package org.opencsd.cli.zns;

import org.opencsd.zns.ZoneAction;
import picocli.CommandLine.Command;

/** {@code opencsd zns open}: Zone Management Send, OPEN action. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = "Open zones explicitly (Empty, Closed, implicitly opened -> EXP_OPENED).",
        footer = {"", "Example:", "  opencsd zns open dev.img --zone 3"})
public final class ZnsOpen extends ZoneManagementCommand {
    @Override
    ZoneAction action() {
        return ZoneAction.OPEN;
    }
}
