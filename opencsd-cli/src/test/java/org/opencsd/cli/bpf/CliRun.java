package org.opencsd.cli.bpf;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.opencsd.cli.Main;
import picocli.CommandLine;

/** Runs the command line in-process and captures its exit code, standard output and error. */
record CliRun(int exit, String out, String err) {
    static CliRun run(String... args) {
        return runWithStdin("", args);
    }

    static synchronized CliRun runWithStdin(String stdin, String... args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        var saved = ConformancePluginCommand.stdin;
        ConformancePluginCommand.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII));
        try {
            return new CliRun(cl.execute(args), out.toString(), err.toString());
        } finally {
            ConformancePluginCommand.stdin = saved;
        }
    }
}
