package dev.voiceplane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code voiceplane} command: the top of the verb tree. */
@Command(name = "voiceplane",
        description = "Generate, check, diff and apply the cluster configuration of ai-ninja and BharatVoice.",
        mixinStandardHelpOptions = true,
        versionProvider = Voiceplane.Version.class,
        subcommands = {SynthCommand.class, ValidateCommand.class, DiffCommand.class, ApplyCommand.class, StatusCommand.class,
                RollbackCommand.class, BackupCommand.class, RestoreCommand.class, BenchCommand.class, CommandLine.HelpCommand.class,
                PlanCommand.class},
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
        return cli;
    }

    private static void applyExitCodes(CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCode.BAD_INPUT);
        cli.getCommandSpec().exitCodeOnExecutionException(ExitCode.INTERNAL_ERROR);
        cli.getSubcommands().values().forEach(Voiceplane::applyExitCodes);
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
