package org.opencsd.cli.zns;

import org.opencsd.zns.ZoneAction;
import picocli.CommandLine.Command;

/** {@code opencsd zns close}: Zone Management Send, CLOSE action. */
@Command(name = "close", mixinStandardHelpOptions = true,
        description = "Close open zones (-> CLOSED, or EMPTY when nothing was written).",
        footer = {"", "Example:", "  opencsd zns close dev.img --all"})
public final class ZnsClose extends ZoneManagementCommand {
    @Override
    ZoneAction action() {
        return ZoneAction.CLOSE;
    }
}
