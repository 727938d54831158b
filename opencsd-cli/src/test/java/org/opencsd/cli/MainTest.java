package org.opencsd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        assertEquals(UserError.EXIT_CODE, run("--no-such-option"));
        String e = err.toString().strip();
        assertTrue(e.startsWith("opencsd: Unknown option: '--no-such-option'"), e);
        assertEquals(1, e.lines().count(), e);
    }

    @Test
    void missingSubcommandIsAnError() {
        assertEquals(UserError.EXIT_CODE, run("zns"));
        assertTrue(err.toString().contains("a subcommand is required"));
    }

    @Test
    void versionPrintsJavaVersion() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().contains("Java " + Runtime.version().feature()));
    }

    @Test
    void fileSystemExceptionsAreDescribedWithoutClassNames() {
        String d = OneLineErrorHandler.describe(new NoSuchFileException("/x/y.img"));
        assertEquals("no such file: /x/y.img", d);
        assertFalse(OneLineErrorHandler.describe(new IllegalStateException()).isBlank());
    }
}
