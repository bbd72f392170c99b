package dev.voiceplane.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code voiceplane} in-process with captured stdout and stderr and no colour, as the tests of each verb need. */
final class CliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The exit code of {@code voiceplane <args>}. */
    int run(String... args) {
        CommandLine cli = Voiceplane.commandLine();
        Terminal terminal = new Terminal(new PrintWriter(out), new PrintWriter(err), false);
        cli.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof VoiceplaneCommand command) {
                command.terminal = terminal;
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /** The repository's stacks/ directory, found as the CLI finds it from the module's working directory. */
    static Path stacksDir() {
        return StackOption.findStacksDir();
    }
}
