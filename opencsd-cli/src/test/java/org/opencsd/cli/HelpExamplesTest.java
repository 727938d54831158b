package org.opencsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help has an example; the commands a script parses have --json. */
class HelpExamplesTest {
    private static void walk(CommandLine cl, String name, List<String> missing, List<String> json) {
        if (!cl.getUsageMessage(CommandLine.Help.Ansi.OFF).contains("Example")) missing.add(name);
        if (cl.getCommandSpec().optionsMap().containsKey("--json")) json.add(name);
        cl.getSubcommands().forEach((n, c) -> walk(c, name + " " + n, missing, json));
    }

    @Test
    void everyCommandHasAnExampleAndScriptableOnesHaveJson() {
        List<String> missing = new ArrayList<>();
        List<String> json = new ArrayList<>();
        walk(Main.newCommandLine(), "opencsd", missing, json);
        assertEquals(List.of(), missing);
        assertEquals(List.of("opencsd zns info", "opencsd zns report-zones", "opencsd csd run", "opencsd fsck"),
                json.stream().sorted((a, b) -> order(a) - order(b)).toList());
    }

    private static int order(String name) {
        return List.of("opencsd zns info", "opencsd zns report-zones", "opencsd csd run", "opencsd fsck").indexOf(name);
    }
}
