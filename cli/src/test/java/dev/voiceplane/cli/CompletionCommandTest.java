package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompletionCommandTest {
    @Test
    void bashCompletionKnowsEveryVerbAndItsFlags() {
        CliRun cli = new CliRun();
        assertThat(cli.run("completion", "bash")).isZero();
        assertThat(cli.out()).contains("complete -F").contains("voiceplane").contains("history").contains("--new-stack")
                .contains("--unified").contains("--no-wait");
    }

    @Test
    void zshLoadsBashcompinitFirst() {
        CliRun cli = new CliRun();
        assertThat(cli.run("completion", "zsh")).isZero();
        assertThat(cli.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n");
    }
}
