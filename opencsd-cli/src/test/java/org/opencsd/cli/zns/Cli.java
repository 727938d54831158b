package org.opencsd.cli.zns;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.opencsd.cli.Main;
import picocli.CommandLine;

/** Runs the command line in-process, capturing standard output and error. */
record Cli(int exit, String out, String err) {
    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    /** The one error line, asserting there is exactly one and no stack trace. */
    String errorLine() {
        String[] lines = err.split("\n");
        if (lines.length != 1 || err.contains("\tat ") || exit == 0) {
            throw new AssertionError("expected one error line and a failure exit, got exit " + exit + ":\n" + err);
        }
        return lines[0];
    }
}
