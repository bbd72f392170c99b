package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void theLocalStackConformsAndValidateSaysHowManyObjectsItChecked() {
        int code = run("validate", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString());
        assertThat(code).as(cli.err()).isZero();
        assertThat(cli.err()).contains("objects in 1 stack(s) conform to their published schemas");
    }

    @Test
    void jsonOutputListsEachStackWithItsViolations() {
        int code = run("validate", "--stacks-dir", CliRun.stacksDir().toString(), "--output", "json");
        assertThat(code).isZero();
        assertThat(cli.out()).contains("\"stack\" : \"local\"").contains("\"violations\" : [ ]");
    }

    @Test
    void anUnknownStackIsBadInput() {
        assertThat(run("validate", "--stack", "nope", "--stacks-dir", CliRun.stacksDir().toString())).isEqualTo(ExitCode.BAD_INPUT);
    }
}
