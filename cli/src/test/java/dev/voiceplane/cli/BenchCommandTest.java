package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark's own logic; the benchmark itself is run by hand ({@code voiceplane bench}), never as a test. */
class BenchCommandTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(BenchCommand.median(List.of(900L, 2100L, 1500L, 1400L, 30000L))).isEqualTo(1500L);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddlePair() {
        assertThat(BenchCommand.median(List.of(1000L, 3000L))).isEqualTo(2000L);
    }

    @Test
    void zeroRunsIsBadInput() {
        CommandLine cli = Voiceplane.commandLine();
        StringWriter err = new StringWriter();
        cli.getSubcommands().values().forEach(sub -> {
            if (sub.getCommand() instanceof VoiceplaneCommand command) {
                command.terminal = new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(err), false);
            }
        });
        assertThat(cli.execute("bench", "--runs", "0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("--runs must be at least 1");
    }
}
