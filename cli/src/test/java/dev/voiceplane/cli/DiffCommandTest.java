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

    /** How many objects the local stack synthesizes: documents in the base, each starting with a top-level kind. */
    private static int objects() {
        try (Stream<Path> files = Files.list(synthesized.resolve("local"))) {
            int n = 0;
            for (Path file : files.toList()) {
                n += (int) Files.readString(file).lines().filter(l -> l.startsWith("kind: ")).count();
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
    void anUnchangedStackHasNoDifferencesAndExitsZero() {
        assertThat(diff()).as(cli.err()).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("local: 0 to create, 0 to change, 0 to delete, " + objects() + " unchanged");
    }

    @Test
    void aChangedFieldShowsAsAUnifiedDiffOfThatObject() throws Exception {
        edit("backups.yaml", "image: voiceplane/backup-tools:0.1.0", "image: voiceplane/backup-tools:0.0.9");

        assertThat(diff()).isEqualTo(ExitCode.DIFF_CHANGES);
        assertThat(cli.out()).contains("--- a/local/CronJob/").contains("+++ b/local/CronJob/")
                .contains("-              image: voiceplane/backup-tools:0.0.9")
                .contains("+              image: voiceplane/backup-tools:0.1.0")
                .doesNotContain("Deployment/");
        assertThat(cli.err()).contains("0 to create, 1 to change, 0 to delete, " + (objects() - 1) + " unchanged").doesNotContain("error:");
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

        assertThat(diff()).isEqualTo(ExitCode.DIFF_CHANGES);
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

        assertThat(diff()).isEqualTo(ExitCode.DIFF_RISKY);
        assertThat(cli.err()).contains("error: local: deleted PersistentVolumeClaim/ai-ninja/old-recordings: data-loss: it holds data")
                .contains("1 risky change(s); if they are meant, run again with --accept data-loss");

        CliRun allowed = new CliRun();
        assertThat(allowed.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against", base.toString(),
                "--allow-data-loss")).isEqualTo(ExitCode.DIFF_CHANGES);
        assertThat(allowed.err()).contains("warning: local: deleted PersistentVolumeClaim/ai-ninja/old-recordings").contains("(accepted)");
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

        assertThat(diff()).isEqualTo(ExitCode.DIFF_RISKY);
        assertThat(cli.err()).contains("changed StatefulSet/ai-ninja/").contains("replace: changes spec.volumeClaimTemplates")
                .contains("data-loss: changes spec.volumeClaimTemplates");
    }

    @Test
    void jsonOutputCountsEachKindOfChangeAndCarriesTheDiff() throws Exception {
        edit("backups.yaml", "image: voiceplane/backup-tools:0.1.0", "image: voiceplane/backup-tools:0.0.9");

        assertThat(diff("--output", "json")).isEqualTo(ExitCode.DIFF_CHANGES);
        JsonNode report = new ObjectMapper().readTree(cli.out()).path("stacks").path(0);
        assertThat(report.path("stack").asText()).isEqualTo("local");
        assertThat(report.path("baseline").asBoolean()).isTrue();
        assertThat(report.path("changed").asInt()).isEqualTo(1);
        assertThat(report.path("unchanged").asInt()).isEqualTo(objects() - 1);
        JsonNode change = report.path("changes").path(0);
        assertThat(change.path("type").asText()).isEqualTo("changed");
        assertThat(change.path("object").asText()).startsWith("CronJob/ai-ninja/");
        assertThat(change.path("diff").asText()).contains("+              image: voiceplane/backup-tools:0.1.0");
    }

    @Test
    void aStackWithoutABaselineIsAnErrorUnlessDeclaredNew() throws Exception {
        Path other = Files.createDirectories(base.resolve("other-root").resolve("ai-ninja-staging"));
        Files.writeString(other.resolve("namespace.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
        Path root = other.getParent();
        int code = cli.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against", root.toString());
        assertThat(code).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("no baseline for stack(s) local under " + root).contains("it has: ai-ninja-staging")
                .contains("--new-stack local");

        CliRun declared = new CliRun();
        assertThat(declared.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against", root.toString(),
                "--new-stack", "local")).isEqualTo(ExitCode.DIFF_RISKY);
        // A new stack's bindings grant permissions nobody had: reviewed as RBAC widened.
        assertThat(declared.err()).contains("local: new stack: " + objects() + " to create")
                .contains("created RoleBinding/ai-ninja/ai-ninja-vault-reader: rbac-widened: new binding of Role/ai-ninja-vault-reader");
    }

    @Test
    void declaringAStackNewThatTheBaselineHasIsAnError() {
        assertThat(diff("--new-stack", "local")).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("--new-stack local: the baseline has it");
    }

    @Test
    void aBaselineOneLevelTooDeepIsAnErrorThatSaysWhatWasExpected() {
        int code = cli.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against", local.toString());
        assertThat(code).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("--against " + local + " holds YAML files itself").contains("one level too deep")
                .contains("pass its parent " + base);
    }

    @Test
    void anEmptyBaselineIsAnError() throws Exception {
        Path empty = Files.createDirectories(base.resolve("empty").resolve("local"));
        int code = cli.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against", empty.getParent().toString());
        assertThat(code).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("holds no synthesized stack").contains("/<stack>/*.yaml");
    }

    @Test
    void objectsInYmlFilesAndSubfoldersOfTheBaselineAreRead() throws Exception {
        Path nested = Files.createDirectories(local.resolve("extra").resolve("deeper"));
        Files.writeString(nested.resolve("hidden.yml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: hidden
                  namespace: ai-ninja
                """);
        assertThat(diff()).isEqualTo(ExitCode.DIFF_CHANGES);
        assertThat(cli.out()).contains("--- a/local/ConfigMap/ai-ninja/hidden");
    }

    @Test
    void aMissingAgainstDirectoryIsAnErrorNamingTheFlag() {
        int code = cli.run("diff", "--stack", "local", "--stacks-dir", CliRun.stacksDir().toString(), "--against",
                base.resolve("nowhere").toString());
        assertThat(code).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("--against " + base.resolve("nowhere") + ": no such directory");
    }

    @Test
    void aBaseFileThatIsNotYamlIsAnErrorNamingFileAndLine() throws Exception {
        Files.writeString(local.resolve("storage.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [unclosed\n");
        assertThat(diff()).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains(local.resolve("storage.yaml") + ":").contains("not valid YAML");
    }

    @Test
    void aNegativeUnifiedIsAnErrorAndTheOldContextFlagIsGone() {
        assertThat(diff("--unified", "-1")).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("--unified must be 0 or more lines");
        CliRun old = new CliRun();
        assertThat(old.run("diff", "--stack", "local", "--against", base.toString(), "--context", "3")).isEqualTo(ExitCode.FAILURE);
        assertThat(old.err()).contains("Unknown options: '--context'").contains("diff's --context is now --unified");
    }

    @Test
    void anUnknownAcceptedClassIsAnErrorListingTheClasses() {
        assertThat(diff("--accept", "everything")).isEqualTo(ExitCode.FAILURE);
        assertThat(cli.err()).contains("--accept: unknown risk class 'everything'; one of: replace, data-loss");
    }
}
