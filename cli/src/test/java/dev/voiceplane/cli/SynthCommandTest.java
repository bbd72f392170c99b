package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {
    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void synthWritesOneFilePerComponentUnderTheStacksDirectory(@TempDir Path dist) {
        int code = run("synth", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--out", dist.toString());
        assertThat(code).as(cli.err()).isZero();
        assertThat(dist.resolve("local/namespace.yaml")).exists();
        assertThat(dist.resolve("local/core-services.yaml")).content().contains("kind: Deployment");
        assertThat(cli.err()).contains("Wrote").doesNotContain("\u001b[");
    }

    @Test
    void jsonOutputListsTheFilesForMachines(@TempDir Path dist) {
        int code = run("synth", "--stacks-dir", CliRun.stacksDir().toString(), "--out", dist.toString(), "--output", "json");
        assertThat(code).isZero();
        assertThat(cli.out()).contains("\"stack\" : \"local\"").contains("\"file\" : \"core-services.yaml\"");
    }

    @Test
    void anUnknownStackIsBadInputAndWritesNothing(@TempDir Path dist) {
        int code = run("synth", "--stack", "nope", "--stacks-dir", CliRun.stacksDir().toString(), "--out", dist.toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("unknown stack 'nope'").contains("stacks are: ");
        assertThat(dist).isEmptyDirectory();
    }

    @Test
    void aStackFileWithErrorsIsBadInputNamingFileLineAndKey(@TempDir Path dir) throws Exception {
        Path stacks = Files.createDirectories(dir.resolve("stacks"));
        Files.writeString(stacks.resolve("Pulumi.broken.yaml"), "config:\n  voiceplane:system: ai-ninja\n  voiceplane:replicas:\n    min: zero\n");
        int code = run("synth", "--stack", "broken", "--stacks-dir", stacks.toString(), "--out", dir.resolve("dist").toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("Pulumi.broken.yaml:4: voiceplane:replicas.min: must be a whole number");
        assertThat(dir.resolve("dist")).doesNotExist();
    }

    @Test
    void anUnknownFlagIsBadInput() {
        assertThat(run("synth", "--stak", "local")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--stak");
    }

    @Test
    void versionAndHelpWork() {
        assertThat(run("--version")).isZero();
        assertThat(cli.out()).startsWith("voiceplane 0.1.0");
        assertThat(run("synth", "--help")).isZero();
        assertThat(cli.out()).contains("--stack").contains("Exit codes:");
    }

    @Test
    void formatHelmWritesAChartNextToThePlainYaml(@TempDir Path dist) throws Exception {
        assertThat(run("synth", "--stacks-dir", CliRun.stacksDir().toString(), "--out", dist.toString())).isZero();
        int code = run("synth", "--stacks-dir", CliRun.stacksDir().toString(), "--out", dist.toString(), "--format", "helm");
        assertThat(code).as(cli.err()).isZero();
        assertThat(dist.resolve("local/helm/Chart.yaml")).content().contains("name: ai-ninja");
        assertThat(dist.resolve("local/helm/values.yaml")).content().contains("tag: 0.1.0");
        assertThat(dist.resolve("local/helm/values.schema.json")).exists();
        assertThat(dist.resolve("local/helm/templates/core-services.yaml")).content().contains("include \"ai-ninja.image\"");
        assertThat(dist.resolve("local/core-services.yaml")).exists();
        assertThat(cli.out()).contains("helm/Chart.yaml");
    }

    @Test
    void anUnknownFormatIsBadInput() {
        assertThat(run("synth", "--format", "kustomize")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("kustomize").contains("yaml, helm");
    }

    @Test
    void allSynthesizesEveryStackIntoItsOwnDirectory(@TempDir Path dist) throws Exception {
        int code = run("synth", "--all", "--stacks-dir", CliRun.stacksDir().toString(), "--out", dist.toString());
        assertThat(code).as(cli.err()).isZero();
        try (var dirs = Files.list(dist)) {
            assertThat(dirs.map(d -> d.getFileName().toString()).sorted())
                    .containsExactly("ai-ninja-production", "ai-ninja-staging", "bharatvoice-production", "bharatvoice-staging", "local");
        }
        assertThat(dist.resolve("bharatvoice-production/core-services.yaml")).content().contains("name: bharatvoice-app");
    }

    @Test
    void allWithOneBrokenStackWritesNoStackAtAll(@TempDir Path dir) throws Exception {
        Path stacks = Files.createDirectories(dir.resolve("stacks"));
        Files.copy(CliRun.stacksDir().resolve("Pulumi.local.yaml"), stacks.resolve("Pulumi.local.yaml"));
        Files.writeString(stacks.resolve("Pulumi.zz-broken.yaml"), "config:\n  voiceplane:system: ai-ninja\n  voiceplane:tls: maybe\n");
        int code = run("synth", "--all", "--stacks-dir", stacks.toString(), "--out", dir.resolve("dist").toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("Pulumi.zz-broken.yaml:3: voiceplane:tls:");
        assertThat(dir.resolve("dist")).doesNotExist();
    }
}
