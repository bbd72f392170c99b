package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull-request workflow cannot run here, so it is kept valid by a linter (action-validator,
 * npm, pinned in workflow-lint/) and by the rules this project holds it to: actions pinned by
 * commit, no permissions unless a job asks, the diff comment found by the marker diff writes.
 */
class WorkflowLintTest {
    private static final Path WORKFLOW = Path.of("../.github/workflows/voiceplane.yml");
    private static final Path LINTER = Path.of("workflow-lint/node_modules/@action-validator/cli/cli.mjs");

    @TempDir
    Path dir;

    /** action-validator's exit code and output for {@code workflow}. */
    private static String[] lint(Path workflow) throws Exception {
        Process p = new ProcessBuilder("node", LINTER.toString(), workflow.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), out};
    }

    @Test
    void theWorkflowPassesTheLinterAndABrokenCopyDoesNot() throws Exception {
        assertThat(LINTER).as("installed by the build (cli/pom.xml profile install-workflow-lint)").exists();
        String[] ok = lint(WORKFLOW);
        assertThat(ok[0]).as(ok[1]).isEqualTo("0");

        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, Files.readString(WORKFLOW).replace("runs-on: ubuntu-latest", "runs-onn: ubuntu-latest"));
        String[] bad = lint(broken);
        assertThat(bad[0]).isEqualTo("1");
        assertThat(bad[1]).contains("runs-onn");
    }

    @Test
    void everyActionIsPinnedByCommitAndEveryJobAsksOnlyForWhatItNeeds() throws Exception {
        JsonNode workflow = new YAMLMapper().readTree(WORKFLOW.toFile());
        assertThat(workflow.path("permissions").isObject() && workflow.path("permissions").isEmpty()).as("top-level permissions: {}").isTrue();
        List<String> uses = new ArrayList<>();
        workflow.path("jobs").forEach(job -> {
            assertThat(job.path("permissions").path("contents").asText()).isEqualTo("read");
            job.path("steps").forEach(step -> {
                if (step.has("uses")) {
                    uses.add(step.path("uses").asText());
                }
                assertThat(step.path("with").path("persist-credentials").asText("false")).isEqualTo("false");
            });
        });
        assertThat(uses).isNotEmpty().allSatisfy(u -> assertThat(u).matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}"));
        assertThat(workflow.at("/jobs/check/permissions/security-events").asText()).isEqualTo("write");
        assertThat(workflow.at("/jobs/diff/permissions/pull-requests").asText()).isEqualTo("write");
        assertThat(workflow.at("/jobs/check/permissions").size()).isEqualTo(2);
        assertThat(workflow.at("/jobs/diff/permissions").size()).isEqualTo(2);
    }

    @Test
    void theWorkflowRunsWhatTheIssueAsksAndFindsTheCommentByDiffsMarker() throws Exception {
        String text = Files.readString(WORKFLOW);
        assertThat(text).contains("on:\n  pull_request:")
                .contains("git worktree add \"$RUNNER_TEMP/base\" \"$BASE_SHA\"")
                .contains("voiceplane synth --all --out \"$GITHUB_WORKSPACE/base-dist\"")
                .contains("voiceplane diff --all --against base-dist \"${new_stacks[@]}\" --output markdown")
                .contains("voiceplane validate --all --output sarif")
                .contains("github/codeql-action/upload-sarif@")
                .contains("mvn -B -ntp verify")
                .contains("voiceplane plan --all -o json")
                .contains("const marker = '" + DiffReport.MARKER + "'");
    }
}
