package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceplaneTest {
    @Test
    void helpListsTheCommandsInTheOrderAUserMeetsThemWithHelpLast() {
        CliRun cli = new CliRun();
        assertThat(cli.run("--help")).isZero();
        String help = cli.out();
        List<String> commands = help.substring(help.indexOf("Commands:")).lines().skip(1)
                .takeWhile(line -> !line.isBlank())
                .filter(line -> line.startsWith("  ") && !line.startsWith("   "))
                .map(line -> line.trim().split("\\s+")[0])
                .toList();
        assertThat(commands).containsExactly("synth", "validate", "diff", "plan", "apply", "status", "history", "rollback",
                "backup", "restore", "completion", "bench", "help");
    }
}
