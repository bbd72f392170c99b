package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ValidateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
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

    private static Path stacksDir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("stacks")) && Files.isRegularFile(d.resolve("Pulumi.yaml"))) {
                return d.resolve("stacks");
            }
        }
        throw new IllegalStateException("no stacks/ found");
    }

    @Test
    void theLocalStackConformsAndValidateSaysHowManyObjectsItChecked() {
        int code = run("validate", "--stack", "local", "--stacks-dir", stacksDir().toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("objects in 1 stack(s) conform to their published schemas");
    }

    @Test
    void jsonOutputListsEachStackWithItsViolations() {
        int code = run("validate", "--stacks-dir", stacksDir().toString(), "--output", "json");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"stack\" : \"local\"").contains("\"violations\" : [ ]");
    }

    @Test
    void anUnknownStackIsBadInput() {
        assertThat(run("validate", "--stack", "nope", "--stacks-dir", stacksDir().toString())).isEqualTo(ExitCode.BAD_INPUT);
    }
}
