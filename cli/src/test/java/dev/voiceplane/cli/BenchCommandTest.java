package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
        CliRun cli = new CliRun();
        assertThat(cli.run("bench", "--runs", "0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--runs must be at least 1");
    }
}
