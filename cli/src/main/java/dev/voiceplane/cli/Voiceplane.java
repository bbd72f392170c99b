package dev.voiceplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code voiceplane} command: the top of the verb tree. */
@Command(name = "voiceplane",
        description = "Generate, check, diff and apply the cluster configuration of ai-ninja and BharatVoice.",
        mixinStandardHelpOptions = true,
        versionProvider = Voiceplane.Version.class,
        // In the order a user meets them (help lists them so): make and check the YAML, see what would
        // change, change the cluster, look at it, undo, keep and bring back data; tools and help last.
        subcommands = {SynthCommand.class, ValidateCommand.class, DiffCommand.class, PlanCommand.class, ApplyCommand.class,
                StatusCommand.class, HistoryCommand.class, RollbackCommand.class, BackupCommand.class, RestoreCommand.class,
                CompletionCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        footer = ExitCode.HELP)
public final class Voiceplane implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'voiceplane synth --stack local'");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run it in-process with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Voiceplane());
        applyExitCodes(cli);
        // Wide enough for the exit-code tables and the diff example on one line each.
        cli.setUsageHelpWidth(120);
        cli.setParameterExceptionHandler(Voiceplane::invalidInput);
        return cli;
    }

    private static void applyExitCodes(CommandLine cli) {
        // diff's 2 and 3 are results (helm-diff style), so a bad flag to diff must not read as one.
        boolean diff = cli.getCommand() instanceof DiffCommand;
        cli.getCommandSpec().exitCodeOnInvalidInput(diff ? ExitCode.FAILURE : ExitCode.BAD_INPUT);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCode.INTERNAL_ERROR);
        // -V on a verb prints the same as on voiceplane itself.
        cli.getCommandSpec().versionProvider(new Version());
        cli.getSubcommands().values().forEach(Voiceplane::applyExitCodes);
    }

    /**
     * A flag picocli cannot parse: the message and usage on stderr as picocli prints them, and under
     * {@code --output json} also the error envelope on stdout, as for every other error.
     */
    private static int invalidInput(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        if (e instanceof CommandLine.MissingParameterException) {
            // picocli checks required options before unknown ones, so 'diff --againts x' would only say
            // "--against is missing"; the misspelt flag is the user's mistake, so name it (with picocli's suggestions).
            List<String> unknown = unknownOptions(cli, args);
            if (!unknown.isEmpty()) {
                e = new CommandLine.UnmatchedArgumentException(cli, unknown);
            }
        }
        cli.getErr().println("error: " + e.getMessage());
        if (cli.getCommand() instanceof DiffCommand && java.util.Arrays.asList(args).contains("--context")) {
            // Every cluster verb's --context is the kube context; diff's lines of context moved to --unified (as git diff -U).
            cli.getErr().println("diff's --context is now --unified (lines around each change, as git diff -U)");
        }
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr())) {
            cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        cli.getErr().flush();
        int code = cli.getCommandSpec().exitCodeOnInvalidInput();
        if (wantsJson(args)) {
            cli.getOut().println(ErrorEnvelope.of(cli.getCommandName(), code, ExitCode.BAD_INPUT, e.getMessage(), List.of()));
            cli.getOut().flush();
        }
        return code;
    }

    /** The arguments that look like options but are none of the command's (values such as '-' or '-5' are not). */
    private static List<String> unknownOptions(CommandLine cli, String[] args) {
        List<String> unknown = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-") || arg.matches("-\\d.*")) {
                continue;
            }
            String name = arg.startsWith("--") ? arg.split("=", 2)[0] : arg.substring(0, 2);
            if (cli.getCommandSpec().findOption(name) == null) {
                unknown.add(arg);
            }
        }
        return unknown;
    }

    private static boolean wantsJson(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--output=json") || args[i].equals("-ojson")
                    || (args[i].equals("-o") || args[i].equals("--output")) && i + 1 < args.length && args[i + 1].equals("json")) {
                return true;
            }
        }
        return false;
    }

    /** Version from the build, so {@code --version} never lies. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Voiceplane.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"voiceplane " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
