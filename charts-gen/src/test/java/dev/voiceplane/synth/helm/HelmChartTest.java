package dev.voiceplane.synth.helm;

import static dev.voiceplane.synth.helm.HelmCharts.chart;
import static dev.voiceplane.synth.helm.HelmCharts.identity;
import static dev.voiceplane.synth.helm.HelmCharts.objects;
import static dev.voiceplane.synth.helm.HelmCharts.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import dev.voiceplane.synth.YamlWriter;
import dev.voiceplane.testing.Testing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HelmChartTest {
    private static final Set<String> HELM_LABELS = Set.of("helm.sh/chart", "app.kubernetes.io/instance", "app.kubernetes.io/version");

    static List<String> stacks() {
        return Testing.stacks().names();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void theChartPassesHelmLint(String stack, @TempDir Path dir) {
        LintResult lint = new Helm(chart(dir, stack)).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    /**
     * With default values and the stack's namespace as the release namespace, Helm renders exactly the
     * objects plain synth writes that the chart owns (not the Namespace, which is off by default, nor
     * StorageClasses, ClusterIssuers or another release's ConfigMap), each with Helm's standard labels.
     */
    @ParameterizedTest
    @MethodSource("stacks")
    void helmTemplateWithDefaultValuesRendersExactlyWhatPlainSynthRenders(String stack, @TempDir Path dir) throws Exception {
        StackConfig config = Testing.stack(stack);
        Map<String, String> expected = new TreeMap<>();
        for (Manifest m : Testing.synth(stack)) {
            for (ObjectNode o : m.objects()) {
                String kind = o.path("kind").asText();
                String ns = o.at("/metadata/namespace").asText("");
                boolean rbac = kind.endsWith("Role") || kind.endsWith("RoleBinding");
                if (kind.equals("Namespace") || m.component().id().equals("cluster") || !(ns.equals(config.namespace()) || rbac)) {
                    continue;
                }
                ObjectNode copy = o.deepCopy();
                ((ObjectNode) copy.at("/metadata/labels")).put("app.kubernetes.io/managed-by", "Helm");
                expected.put(identity(copy), YamlWriter.write(List.of(copy)));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (ObjectNode o : objects(template(chart(dir, stack), "voiceplane", config.namespace()).call())) {
            ObjectNode labels = (ObjectNode) o.at("/metadata/labels");
            assertThat(labels.path("app.kubernetes.io/instance").asText()).as(identity(o)).isEqualTo("voiceplane");
            assertThat(labels.path("helm.sh/chart").asText()).as(identity(o)).startsWith(config.system().id() + "-0.1.0_");
            assertThat(labels.path("app.kubernetes.io/version").asText()).isEqualTo(config.images().tag());
            HELM_LABELS.forEach(labels::remove);
            assertThat(actual.put(identity(o), YamlWriter.write(List.of(o)))).as("duplicate %s", identity(o)).isNull();
        }
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((id, yaml) -> assertThat(actual.get(id)).as(id).isEqualTo(yaml));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void twoReleasesInTwoNamespacesShareNoObjectAndNoNamespaceReference(String stack, @TempDir Path dir) throws Exception {
        Path chart = chart(dir, stack);
        String ns = Testing.stack(stack).namespace();
        List<ObjectNode> a = objects(template(chart, "team-a", "team-a").call());
        List<ObjectNode> b = objects(template(chart, "team-b", "team-b").call());
        Set<String> idsA = new TreeSet<>(a.stream().map(HelmCharts::identity).toList());
        Set<String> idsB = new TreeSet<>(b.stream().map(HelmCharts::identity).toList());
        assertThat(idsA).hasSameSizeAs(a);
        assertThat(idsA).doesNotContainAnyElementsOf(idsB);
        assertThat(a.stream().filter(o -> o.at("/metadata/namespace").isMissingNode())).as("cluster-scoped objects").isNotEmpty()
                .allSatisfy(o -> assertThat(o.at("/metadata/name").asText()).contains("team-a"));
        String rendered = YamlWriter.write(b);
        assertThat(rendered).doesNotContain("namespace: " + ns + "\n", "." + ns + ".svc", "namespace=\\\"" + ns + "\\\"")
                .contains("namespace: team-b\n", ".team-b.svc");
    }

    @Test
    void namespaceCreateRendersTheNamespaceWithTheLabelsFromValues(@TempDir Path dir) throws Exception {
        ObjectNode synthesized = Testing.object("ai-ninja-production", "Namespace", "ai-ninja");
        List<ObjectNode> rendered = objects(template(chart(dir, "ai-ninja-production"), "voiceplane", "ai-ninja")
                .set("namespace.create", true).call());
        JsonNode labels = HelmCharts.find(rendered, "Namespace", "ai-ninja").at("/metadata/labels");
        synthesized.at("/metadata/labels").fields().forEachRemaining(e -> {
            if (!e.getKey().equals("app.kubernetes.io/managed-by")) {
                assertThat(labels.path(e.getKey()).asText()).as(e.getKey()).isEqualTo(e.getValue().asText());
            }
        });
        List<ObjectNode> moved = objects(template(chart(dir, "local"), "voiceplane", "default")
                .set("namespace.create", true).set("namespace.name", "voice-team")
                .set("namespace.labels.pod-security\\.kubernetes\\.io/enforce", "baseline").call());
        JsonNode ns = HelmCharts.find(moved, "Namespace", "voice-team");
        assertThat(ns.at("/metadata/labels").path("pod-security.kubernetes.io/enforce").asText()).isEqualTo("baseline");
        assertThat(moved.stream().filter(o -> o.has("metadata") && o.at("/metadata/namespace").asText().equals("default"))).isEmpty();
    }

    /** What infra's release passes: its record in default, the objects and the labelled Namespace in the stack's namespace. */
    @Test
    void aReleaseRecordedInDefaultPutsEverythingInTheStacksNamespace(@TempDir Path dir) throws Exception {
        StackConfig stack = Testing.stack("ai-ninja-production");
        Path values = dir.resolve("release-values.yaml");
        Files.writeString(values, new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(HelmChart.releaseInOtherNamespace(stack)));
        List<ObjectNode> rendered = objects(template(chart(dir, stack.name()), "ai-ninja", "default").withValuesFile(values).call());
        assertThat(HelmCharts.find(rendered, "Namespace", "ai-ninja").at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText())
                .isEqualTo("restricted");
        assertThat(rendered).noneSatisfy(o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("default"));
    }

    @Test
    void theChartVersionCarriesAHashOfTheContentAndIsDeterministic() {
        StackConfig stack = Testing.stack("local");
        Map<String, String> once = HelmChart.files(stack, Testing.synth("local"));
        Map<String, String> twice = HelmChart.files(stack, Testing.synth("local"));
        assertThat(once).isEqualTo(twice);
        assertThat(once.get("Chart.yaml")).containsPattern("version: 0\\.1\\.0\\+[0-9a-f]{12}\n")
                .contains("kubeVersion: \">=1.33.0-0\"").contains("appVersion: \"" + stack.images().tag() + "\"");
        String production = HelmChart.files(Testing.stack("ai-ninja-production"), Testing.synth("ai-ninja-production")).get("Chart.yaml");
        assertThat(version(production)).isNotEqualTo(version(once.get("Chart.yaml")));
        Map<String, String> changed = new TreeMap<>(once);
        changed.put("values.yaml", once.get("values.yaml") + "# changed\n");
        assertThat(HelmChart.contentHash(changed)).isNotEqualTo(HelmChart.contentHash(once));
    }

    private static String version(String chartYaml) {
        return chartYaml.lines().filter(l -> l.startsWith("version:")).findFirst().orElseThrow();
    }

    /**
     * NOTES.txt rendered by Helm as an install would (helm template leaves it out, and a client-side
     * install dry run still asks a cluster for its version): a copy of the chart renders it through {@code tpl}.
     */
    @Test
    void notesSayWhatWasInstalledAndHowToReachIt(@TempDir Path dir) throws Exception {
        Path chart = chart(dir, "ai-ninja-production");
        Files.copy(chart.resolve("templates/NOTES.txt"), chart.resolve("notes.tmpl"));
        Files.writeString(chart.resolve("templates/notes-as-configmap.yaml"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ tpl (.Files.Get \"notes.tmpl\") . | toJson }}\n");
        String notes = HelmCharts.find(objects(template(chart, "voice", "team-b").set("ingress.apiHost", "api.voice.example").call()),
                "ConfigMap", "notes").at("/data/notes").asText();
        assertThat(notes).contains("installed as release \"voice\" in namespace \"team-b\"", "API:       https://api.voice.example/",
                "wss://ws.ai-ninja.example.com/", "port-forward svc/", "--namespace team-b", "kubectl label namespace team-b",
                "pod-security.kubernetes.io/enforce=restricted", "  - user-management:");
        String plain = HelmCharts.find(objects(template(chart, "voice", "team-b").set("ingress.tls", false).set("namespace.create", true).call()),
                "ConfigMap", "notes").at("/data/notes").asText();
        assertThat(plain).contains("http://api.ai-ninja.example.com/").doesNotContain("kubectl label namespace");
        // The template's sum, checked against the same sum in Java over the default values.
        assertThat(notes).contains("at maximum scale the services request " + maximumScaleMillicores("ai-ninja-production") + "m CPU");
        String roomy = HelmCharts.find(objects(template(chart, "voice", "team-b").set("namespace.quota.requests.cpu", "1000").call()),
                "ConfigMap", "notes").at("/data/notes").asText();
        assertThat(roomy).doesNotContain("WARNING");
        String tight = HelmCharts.find(objects(template(chart, "voice", "team-b")
                .set("namespace.quota.requests.cpu", (maximumScaleMillicores("ai-ninja-production") - 1) + "m").call()), "ConfigMap", "notes").at("/data/notes").asText();
        assertThat(tight).contains("WARNING: that is above the quota");
        assertThat(Files.readString(chart.resolve("templates/_helpers.tpl")))
                .contains("define \"ai-ninja.fullname\"", "define \"ai-ninja.labels\"", "helm.sh/chart:", "app.kubernetes.io/instance:", ".Release.Service");
    }

    /** CPU the services request at maximum scale, each pod with its sidecar when the mesh is sized. */
    static long maximumScaleMillicores(String stack) {
        ChartValues values = HelmChart.values(Testing.stack(stack), Testing.synth(stack));
        java.math.BigDecimal proxy = values.mesh().enabled() && values.mesh().proxy() != null
                ? Quantity.amount(values.mesh().proxy().requests().cpu()) : java.math.BigDecimal.ZERO;
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (ChartValues.ServiceValues s : values.services().values()) {
            int n = s.maxReplicas() != null ? s.maxReplicas() : s.replicas();
            total = total.add(Quantity.amount(s.resources().requests().cpu()).add(proxy).multiply(java.math.BigDecimal.valueOf(n)));
        }
        return total.movePointRight(3).longValueExact();
    }

    @Test
    void literalTemplateBracesInAlertsAndDashboardsSurviveHelm(@TempDir Path dir) throws Exception {
        assertThat(HelmChart.escape("summary: {{ $labels.job }} down")).isEqualTo("summary: {{ \"{{\" }} $labels.job {{ \"}}\" }} down");
        String rendered = template(chart(dir, "local"), "voiceplane", "ai-ninja").call();
        assertThat(rendered).contains("{{ $labels");
    }

    @Test
    void theReadmeListsEveryLeafOfValuesYamlWithTypeDefaultAndDescription(@TempDir Path dir) throws Exception {
        for (String stack : List.of("ai-ninja-production", "bharatvoice-production", "local")) {
            Path chart = chart(dir, stack);
            String readme = Files.readString(chart.resolve("README.md"));
            JsonNode values = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(chart.resolve("values.yaml").toFile());
            List<String> leaves = new java.util.ArrayList<>();
            leaves(values, "", leaves);
            assertThat(leaves).hasSizeGreaterThan(40);
            for (String leaf : leaves) {
                assertThat(readme).as(stack + " README row of " + leaf).containsPattern("\\n\\| " + java.util.regex.Pattern.quote(leaf)
                        + " \\| (string|int|bool|object|list) \\| `[^`]*` \\| [^|\\n]{3,}");
            }
            assertThat(Files.readString(chart.resolve("values.yaml")).lines().filter(l -> l.trim().startsWith("# --")).count())
                    .isGreaterThanOrEqualTo(leaves.size());
        }
    }

    /** Leaf paths as helm-docs writes them: scalars, empty maps and lists, keys with dots or slashes quoted. */
    private static void leaves(JsonNode node, String path, List<String> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> leaves(e.getValue(), (path.isEmpty() ? "" : path + ".") + ValuesFile.quoteKey(e.getKey()), out));
        } else {
            out.add(path);
        }
    }
}
