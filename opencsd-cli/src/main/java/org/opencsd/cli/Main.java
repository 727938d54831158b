package org.opencsd.cli;

import picocli.CommandLine;

/** Entry point of the {@code opencsd} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line with {@code args} and returns its exit code; never calls {@code System.exit}. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured command line: subcommands, one-line error reporting. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new OpencsdCommand());
        cl.setExecutionExceptionHandler(new OneLineErrorHandler());
        cl.setParameterExceptionHandler(new OneLineErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli's built-in completion command: give it an example like every other command.
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage()
                .footer("", "Example:", "  source <(opencsd generate-completion)");
        return cl;
    }
}
