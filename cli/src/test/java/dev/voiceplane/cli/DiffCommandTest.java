package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code voiceplane diff} against a real earlier synth of the local stack, edited the way a pull request would change it. */
class DiffCommandTest {
    private final CliRun cli = new CliRun();

    /** One synth of the local stack, copied for each test to edit. */
    @TempDir
    static Path synthesized;

    @TempDir
    Path base;

    private Path local;

    @BeforeAll
    static void synthesizeTheBaseOnce() {
        int code = new CliRun().run("synth", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--out",
                synthesized.toString());
        assertThat(code).isZero();
    }

    @BeforeEach
    void copyTheBase() throws Exception {
        local = Files.createDirectory(base.resolve("local"));
        try (Stream<Path> files = Files.list(synthesized.resolve("local"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, local.resolve(file.getFileName()));
            }
        }
    }

    private int diff(String... extra) {
        String[] args = new String[extra.length + 7];
        System.arraycopy(new String[] {"diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against",
            base.toString()}, 0, args, 0, 7);
        System.arraycopy(extra, 0, args, 7, extra.length);
        return cli.run(args);
    }

    private void edit(String file, String from, String to) throws Exception {
        Path path = local.resolve(file);
        String yaml = Files.readString(path);
        assertThat(yaml).contains(from);
        int at = yaml.indexOf(from); // the first occurrence only: one object changes
        Files.writeString(path, yaml.substring(0, at) + to + yaml.substring(at + from.length()));
    }

    private void append(String file, String yaml) throws Exception {
        Files.writeString(local.resolve(file), Files.readString(local.resolve(file)) + "---\n" + yaml);
    }

    @Test
    void anUnchangedStackHasNoDifferencesEvenUnderExitCode() {
        assertThat(diff("--exit-code")).as(cli.err()).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("local: 0 to create, 0 to change, 0 to delete, 103 unchanged");
    }

    @Test
    void aChangedFieldShowsAsAUnifiedDiffOfThatObject() throws Exception {
        edit("backups.yaml", "image: voiceplane/backup-tools:0.1.0", "image: voiceplane/backup-tools:0.0.9");

        assertThat(diff()).isZero();
        assertThat(cli.out()).contains("--- a/local/CronJob/").contains("+++ b/local/CronJob/")
                .contains("-              image: voiceplane/backup-tools:0.0.9")
                .contains("+              image: voiceplane/backup-tools:0.1.0")
                .doesNotContain("Deployment/");
        assertThat(cli.err()).contains("0 to create, 1 to change, 0 to delete, 102 unchanged");
        assertThat(new CliRun().run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against",
                base.toString(), "--exit-code")).isEqualTo(ExitCode.FAILURE);
    }

    @Test
    void anObjectOnlyTheBaseHadIsDeleted() throws Exception {
        append("config-security.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: retired-flags
                  namespace: ai-ninja
                data:
                  FEATURE_X: "true"
                """);

        assertThat(diff()).isZero();
        assertThat(cli.out()).contains("--- a/local/ConfigMap/ai-ninja/retired-flags\n+++ /dev/null")
                .contains("-  FEATURE_X: \"true\"");
        assertThat(cli.err()).contains("1 to delete");
    }

    @Test
    void deletingAnObjectThatHoldsDataFailsUnlessAllowed() throws Exception {
        append("storage.yaml", """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: old-recordings
                  namespace: ai-ninja
                  annotations:
                    voiceplane.dev/holds-data: "true"
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 5Gi}}
                """);

        assertThat(diff()).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("error: local: deleted PersistentVolumeClaim/ai-ninja/old-recordings: it holds data")
                .contains("1 change(s) can lose data; if that is meant, run again with --allow-data-loss");

        CliRun allowed = new CliRun();
        assertThat(allowed.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against", base.toString(),
                "--allow-data-loss")).isZero();
        assertThat(allowed.err()).contains("warning: local: deleted PersistentVolumeClaim/ai-ninja/old-recordings");
    }

    @Test
    void changingAStatefulSetsClaimTemplatesIsAReplacementThatPutsDataAtRisk() throws Exception {
        Path core = local.resolve("core-services.yaml");
        String yaml = Files.readString(core);
        int templates = yaml.indexOf("volumeClaimTemplates:");
        assertThat(templates).isPositive();
        int storage = yaml.indexOf("storage: ", templates);
        int end = yaml.indexOf('\n', storage);
        Files.writeString(core, yaml.substring(0, storage) + "storage: 999Gi" + yaml.substring(end));

        assertThat(diff()).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("changed StatefulSet/ai-ninja/").contains("changes spec.volumeClaimTemplates");
    }

    @Test
    void jsonOutputCountsEachKindOfChangeAndCarriesTheDiff() throws Exception {
        edit("backups.yaml", "image: voiceplane/backup-tools:0.1.0", "image: voiceplane/backup-tools:0.0.9");

        assertThat(diff("--output", "json")).isZero();
        JsonNode report = new ObjectMapper().readTree(cli.out()).path("stacks").path(0);
        assertThat(report.path("stack").asText()).isEqualTo("local");
        assertThat(report.path("baseline").asBoolean()).isTrue();
        assertThat(report.path("changed").asInt()).isEqualTo(1);
        assertThat(report.path("unchanged").asInt()).isEqualTo(102);
        JsonNode change = report.path("changes").path(0);
        assertThat(change.path("type").asText()).isEqualTo("changed");
        assertThat(change.path("object").asText()).startsWith("CronJob/ai-ninja/");
        assertThat(change.path("diff").asText()).contains("+              image: voiceplane/backup-tools:0.1.0");
    }

    @Test
    void withoutAnEarlierSynthOfTheStackEveryObjectIsNew() throws Exception {
        Path empty = Files.createDirectory(base.resolve("empty"));
        int code = cli.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against", empty.toString());
        assertThat(code).isZero();
        assertThat(cli.err()).contains("no earlier synth of 'local'").contains("103 to create");
    }

    @Test
    void aMissingAgainstDirectoryIsBadInputNamingTheFlag() {
        int code = cli.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against",
                base.resolve("nowhere").toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--against " + base.resolve("nowhere") + ": no such directory");
    }

    @Test
    void aBaseFileThatIsNotYamlIsAnUnexpectedStateNamingFileAndLine() throws Exception {
        Files.writeString(local.resolve("storage.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n");
        assertThat(diff()).isEqualTo(ExitCode.UNEXPECTED_STATE);
        assertThat(cli.err()).contains(local.resolve("storage.yaml") + ":").contains("not valid YAML");
    }

    @Test
    void aNegativeContextIsBadInput() {
        assertThat(diff("--context", "-1")).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(cli.err()).contains("--context must be 0 or more lines");
    }
}
