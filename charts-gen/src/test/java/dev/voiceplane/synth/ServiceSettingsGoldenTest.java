package dev.voiceplane.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.StackConfigParser;
import dev.voiceplane.testing.Testing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A per-service setting is one line of the stack file and changes only its own field: the guide's
 * runbook raises realtime-processor's HPA maximum to 30 ({@code kubectl patch hpa realtime-processor-hpa
 * -p '{"spec":{"maxReplicas":30}}'}); here that is one added line, and the reviewed golden files differ
 * from the new synthesis in that one field alone.
 */
class ServiceSettingsGoldenTest {
    private static final String STACK = "ai-ninja-production";

    @Test
    void raisingOneServicesHpaMaximumIsOneStackLineAndOneGoldenLine() throws IOException {
        String file = Files.readString(Testing.stacks().fileOf(STACK));
        String line = "  voiceplane:services: {realtime-processor: {maxReplicas: 30}}";
        String changed = file.replace("  voiceplane:replicas:\n", line + "\n  voiceplane:replicas:\n");
        List<String> withoutIt = new ArrayList<>(changed.lines().toList());
        assertThat(withoutIt.remove(line)).as("the line was added").isTrue();
        assertThat(withoutIt).as("nothing else of the stack file changed").isEqualTo(file.lines().toList());

        StackConfig stack = StackConfigParser.parse("stacks/Pulumi." + STACK + ".yaml", STACK, changed);
        List<String> goldenDiff = new ArrayList<>();
        for (Map.Entry<String, String> e : StackGoldenTest.render(Synthesizer.synth(stack)).entrySet()) {
            String golden = Files.readString(Path.of("src/test/resources/golden", STACK, e.getKey()));
            lineDiff(golden, e.getValue()).forEach(d -> goldenDiff.add(e.getKey() + ": " + d));
        }
        assertThat(goldenDiff).containsExactly("autoscaling.yaml: line 202: '  maxReplicas: 20' -> '  maxReplicas: 30'");
        assertThat(Files.readAllLines(Path.of("src/test/resources/golden", STACK, "autoscaling.yaml")).subList(180, 202))
                .as("the changed line is realtime-processor's HPA").contains("  name: realtime-processor-hpa");
    }

    /** Lines that differ, by position; a file that gained or lost lines is one difference, its length. */
    private static List<String> lineDiff(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        if (a.size() != b.size()) {
            return List.of("length " + a.size() + " -> " + b.size() + " lines");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equals(b.get(i))) {
                out.add("line " + (i + 1) + ": '" + a.get(i) + "' -> '" + b.get(i) + "'");
            }
        }
        return out;
    }
}
