package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {
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
    void synthWritesOneFilePerComponentUnderTheStacksDirectory(@TempDir Path dist) {
        int code = run("synth", "--stack", "local", "--stacks-dir", stacksDir().toString(), "--out", dist.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(dist.resolve("local/namespace.yaml")).exists();
        assertThat(dist.resolve("local/core-services.yaml")).content().contains("kind: Deployment");
        assertThat(err.toString()).contains("Wrote").doesNotContain("\u001b[");
    }

    @Test
    void jsonOutputListsTheFilesForMachines(@TempDir Path dist) {
        int code = run("synth", "--stacks-dir", stacksDir().toString(), "--out", dist.toString(), "--output", "json");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("\"stack\" : \"local\"").contains("\"file\" : \"core-services.yaml\"");
    }

    @Test
    void anUnknownStackIsBadInputAndWritesNothing(@TempDir Path dist) {
        int code = run("synth", "--stack", "nope", "--stacks-dir", stacksDir().toString(), "--out", dist.toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("unknown stack 'nope'").contains("stacks are: ");
        assertThat(dist).isEmptyDirectory();
    }

    @Test
    void aStackFileWithErrorsIsBadInputNamingFileLineAndKey(@TempDir Path dir) throws Exception {
        Path stacks = Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(stacks.resolve("Pulumi.broken.yaml"), "config:\n  voiceplane:system: ai-ninja\n  voiceplane:replicas:\n    min: zero\n");
        int code = run("synth", "--stack", "broken", "--stacks-dir", stacks.toString(), "--out", dir.resolve("dist").toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("Pulumi.broken.yaml:4: voiceplane:replicas.min: must be a whole number");
        assertThat(dir.resolve("dist")).doesNotExist();
    }

    @Test
    void anUnknownFlagIsBadInput() {
        assertThat(run("synth", "--stak", "local")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("--stak");
    }

    @Test
    void versionAndHelpWork() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("voiceplane 0.1.0");
        assertThat(run("synth", "--help")).isZero();
        assertThat(out.toString()).contains("--stack").contains("Exit codes:");
    }

    @Test
    void formatHelmWritesAChartNextToThePlainYaml(@TempDir Path dist) throws Exception {
        assertThat(run("synth", "--stacks-dir", stacksDir().toString(), "--out", dist.toString())).isZero();
        int code = run("synth", "--stacks-dir", stacksDir().toString(), "--out", dist.toString(), "--format", "helm");
        assertThat(code).as(err.toString()).isZero();
        assertThat(dist.resolve("local/helm/Chart.yaml")).content().contains("name: ai-ninja");
        assertThat(dist.resolve("local/helm/values.yaml")).content().contains("tag: 0.1.0");
        assertThat(dist.resolve("local/helm/values.schema.json")).exists();
        assertThat(dist.resolve("local/helm/templates/core-services.yaml")).content().contains("include \"voiceplane.image\"");
        assertThat(dist.resolve("local/core-services.yaml")).exists();
        assertThat(out.toString()).contains("helm/Chart.yaml");
    }

    @Test
    void anUnknownFormatIsBadInput() {
        assertThat(run("synth", "--format", "kustomize")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("kustomize").contains("yaml, helm");
    }
}
