package dev.voiceplane.synth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.OutputDirectory;
import dev.voiceplane.synth.YamlWriter;
import dev.voiceplane.testing.Testing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelmChartTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    static List<String> stacks() {
        return Testing.stacks().names();
    }

    private static Path chart(Path dir, String stack) {
        Path helm = dir.resolve(stack).resolve("helm");
        OutputDirectory.replace(helm, HelmChart.files(Testing.stack(stack), Testing.synth(stack)));
        return helm;
    }

    /** Objects of a multi-document YAML stream, each with sorted keys, by identity. */
    private static Map<String, String> objects(String yaml) throws Exception {
        Map<String, String> byId = new TreeMap<>();
        for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
            if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                String id = doc.path("apiVersion").asText() + " " + Manifest.identity(doc);
                assertThat(byId.put(id, YamlWriter.write(List.of(doc)))).as("duplicate %s", id).isNull();
            }
        }
        return byId;
    }

    /** What plain synth writes for the system: every component but the cluster-wide one, which infra installs apart. */
    private static String plainSynth(String stack) {
        StringBuilder all = new StringBuilder();
        for (Manifest m : Testing.synth(stack).stream().filter(m -> m.component().inAppChart()).toList()) {
            all.append(YamlWriter.write(m.objects())).append("---\n");
        }
        return all.toString();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void theChartPassesHelmLint(String stack, @TempDir Path dir) {
        LintResult lint = new Helm(chart(dir, stack)).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void helmTemplateWithDefaultValuesRendersExactlyWhatPlainSynthRenders(String stack, @TempDir Path dir) throws Exception {
        String rendered = new Helm(chart(dir, stack)).template().withName("voiceplane").call();
        Map<String, String> expected = objects(plainSynth(stack));
        Map<String, String> actual = objects(rendered);
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((id, yaml) -> assertThat(actual.get(id)).as(id).isEqualTo(yaml));
    }

    @Test
    void imageTagsReplicasResourcesHostsAndFeatureFlagsAreValues(@TempDir Path dir) throws Exception {
        Path chart = chart(dir, "ai-ninja-production");
        String rendered = new Helm(chart).template().withName("voiceplane")
                .set("images.tag", "9.9.9")
                .set("services.user-management.minReplicas", 5)
                .set("services.user-management.resources.limits.memory", "3Gi")
                .set("ingress.apiHost", "api.other.example")
                .set("features.FEATURE_MFA_REQUIRED", false)
                .call();
        assertThat(rendered).contains("ai-ninja/user-management:9.9.9").contains("minReplicas: 5")
                .contains("memory: \"3Gi\"").contains("api.other.example")
                .doesNotContain("api.ai-ninja.example.com");
        Map<String, String> objects = objects(rendered);
        assertThat(objects.values().stream().filter(y -> y.contains("FEATURE_MFA_REQUIRED: \"false\""))).isNotEmpty();
    }

    @Test
    void theValuesSchemaComesFromTheJavaTypesAndRejectsUnknownValues(@TempDir Path dir) throws Exception {
        Path chart = chart(dir, "local");
        JsonNode schema = new ObjectMapper().readTree(Files.readString(chart.resolve("values.schema.json")));
        assertThat(schema.at("/properties/images/properties/tag/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/services/additionalProperties/properties/minReplicas/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
        Files.writeString(chart.resolve("values.yaml"), Files.readString(chart.resolve("values.yaml")) + "imagez: {}\n");
        assertThat(new Helm(chart).lint().call().isFailed()).isTrue();
    }

    @Test
    void theClusterComponentIsPlainSynthsButNotTheChartsOwn(@TempDir Path dir) throws Exception {
        assertThat(Testing.synth("ai-ninja-production")).extracting(Manifest::component).contains(dev.voiceplane.charts.Component.CLUSTER);
        Map<String, String> rendered = objects(new Helm(chart(dir, "ai-ninja-production")).template().withName("voiceplane").call());
        assertThat(rendered).isNotEmpty();
        assertThat(rendered.keySet()).noneMatch(id -> id.contains("StorageClass/") || id.contains("ClusterIssuer/"));
    }

    @Test
    void literalTemplateBracesInAlertsAndDashboardsSurviveHelm() {
        assertThat(HelmChart.escape("summary: {{ $labels.job }} down")).isEqualTo("summary: {{ \"{{\" }} $labels.job {{ \"}}\" }} down");
    }

    @Test
    void chartMetadataNamesTheSystemAndTheImageTag(@TempDir Path dir) throws Exception {
        StackConfig stack = Testing.stack("local");
        String chartYaml = Files.readString(chart(dir, "local").resolve("Chart.yaml"));
        assertThat(chartYaml).contains("name: " + stack.system().id()).contains("appVersion: \"" + stack.images().tag() + "\"");
        List<String> templates = new ArrayList<>();
        try (var list = Files.list(dir.resolve("local/helm/templates"))) {
            list.forEach(p -> templates.add(p.getFileName().toString()));
        }
        assertThat(templates).contains("core-services.yaml", "ingress.yaml", "_helpers.tpl");
    }
}
