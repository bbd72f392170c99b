package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
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
    void aSynthChildsPhaseLineIsReadBackAndEachPhaseTakesItsOwnMedian() {
        String out = "something else\n" + ColdStart.PREFIX + "jvm=300,jsii=900,build=1200,render=400,write=100\ncpu-ms=2000\n";
        Map<String, Long> phases = ColdStart.parse(out);
        assertThat(phases).containsExactly(Map.entry("jvm", 300L), Map.entry("jsii", 900L), Map.entry("build", 1200L),
                Map.entry("render", 400L), Map.entry("write", 100L));
        List<BenchCommand.Run> runs = List.of(
                new BenchCommand.Run(3000, 2000, Map.of(), phases, 5000),
                new BenchCommand.Run(3000, 2000, Map.of(), Map.of("jvm", 100L, "jsii", 700L, "build", 5000L, "render", 200L, "write", 90L), 5000),
                new BenchCommand.Run(3000, 2000, Map.of(), Map.of("jvm", 200L, "jsii", 800L, "build", 1000L, "render", 300L, "write", 80L), 5000));
        assertThat(BenchCommand.phaseMedians(runs)).containsExactly(Map.entry("jvm", 200L), Map.entry("jsii", 800L),
                Map.entry("build", 1200L), Map.entry("render", 300L), Map.entry("write", 90L));
    }

    @Test
    void aChildWithoutAPhaseLineHasNoPhases() {
        assertThat(ColdStart.parse("cpu-ms=10\n")).isEmpty();
    }

    @Test
    void zeroRunsIsBadInput() {
        CliRun cli = new CliRun();
        assertThat(cli.run("bench", "--runs", "0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--runs must be at least 1");
    }

    @Test
    void aTopOfZeroIsBadInput() {
        CliRun cli = new CliRun();
        assertThat(cli.run("bench", "--requests", "--top", "0")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--top must be at least 1");
    }

    @Test
    void theCpuPhasesOfTheChildrenTakeTheirMediansAndAPhaseNoChildReportedIsMinusOne() {
        List<BenchCommand.Run> runs = List.of(
                new BenchCommand.Run(3000, 2000, Map.of(), ColdStart.parse(ColdStart.PREFIX + "jvm=1,cpu.jvm=400,cpu.node=900\n"), 1500),
                new BenchCommand.Run(3000, 2000, Map.of(), ColdStart.parse(ColdStart.PREFIX + "jvm=1,cpu.jvm=600,cpu.node=700\n"), 1500),
                new BenchCommand.Run(3000, 2000, Map.of(), ColdStart.parse(ColdStart.PREFIX + "jvm=1,cpu.jvm=500,cpu.node=800\n"), 1500));
        Map<String, Long> cpu = BenchCommand.phaseMedians(runs, ColdStart.CPU_PHASES);
        assertThat(cpu).containsEntry("cpu.jvm", 500L).containsEntry("cpu.node", 800L).containsEntry("cpu.build", -1L);
    }
}
