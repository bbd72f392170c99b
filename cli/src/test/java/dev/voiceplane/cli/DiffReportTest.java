package dev.voiceplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.diff.ManifestDiff;
import dev.voiceplane.cli.diff.ObjectKey;
import dev.voiceplane.cli.diff.StackDiff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Markdown report's size cap and escaping, on diffs made to be too big. */
class DiffReportTest {

    private static StackDiff bigDiff(String stack, int objects, String value) {
        Map<ObjectKey, ObjectNode> before = new LinkedHashMap<>();
        Map<ObjectKey, ObjectNode> after = new LinkedHashMap<>();
        for (int i = 0; i < objects; i++) {
            ObjectNode was = configMap("cm-" + i, "old");
            ObjectNode now = configMap("cm-" + i, value);
            before.put(ObjectKey.of(was), was);
            after.put(ObjectKey.of(now), now);
        }
        return ManifestDiff.compare(stack, before, after, 3);
    }

    private static ObjectNode configMap(String name, String value) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        o.putObject("metadata").put("name", name).put("namespace", "n");
        o.putObject("data").put("KEY", value);
        return o;
    }

    @Test
    void aReportOverTheLimitIsCutWholeStacksAtATimeWithANoteOfWhatWasCut() {
        DiffReport report = new DiffReport(List.of(bigDiff("small", 2, "new"), bigDiff("huge", 3000, "x".repeat(40))), Set.of());
        String markdown = report.markdown(DiffReport.GITHUB_COMMENT_LIMIT);
        assertThat(markdown).hasSizeLessThanOrEqualTo(DiffReport.GITHUB_COMMENT_LIMIT)
                .contains("<details><summary>small:").doesNotContain("<details><summary>huge:")
                .contains("Cut to fit GitHub's 65536-character comment limit:** the diff of huge (3000 objects)")
                .contains("| huge | compared | 0 | 3000 |");
    }

    @Test
    void aDiffHoldingBackticksCannotCloseItsFenceAndCellsCannotBreakTheTable() {
        StackDiff diff = bigDiff("s", 1, "```` | <script>");
        String markdown = new DiffReport(List.of(diff), Set.of()).markdown(DiffReport.GITHUB_COMMENT_LIMIT);
        assertThat(markdown).contains("`````diff\n").contains("<details><summary>s:");
        assertThat(new DiffReport(List.of(diff), Set.of()).exitCode()).isEqualTo(ExitCode.DIFF_CHANGES);
    }

    @Test
    void aTinyLimitStillEndsWithTheNote() {
        String markdown = new DiffReport(List.of(bigDiff("a", 50, "v")), Set.of()).markdown(2000);
        assertThat(markdown).hasSizeLessThanOrEqualTo(2000).contains("Cut to fit");
    }
}
