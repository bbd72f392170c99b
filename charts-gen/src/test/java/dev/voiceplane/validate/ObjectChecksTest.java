package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The small parsers rules rely on: CIDRs, label syntax, image references, and operator-made pods. */
class ObjectChecksTest {
    @Test
    void cidrsAreCheckedAsTheApiServerParsesThem() {
        assertThat(Cidr.parse("10.0.0.0/8")).isNotNull();
        assertThat(Cidr.parse("10.0.0.0/33")).isNull();
        assertThat(Cidr.parse("256.0.0.0/8")).isNull();
        assertThat(Cidr.parse("10.0.0.0")).isNull();
        assertThat(Cidr.parse("fd00::/8")).isNotNull();
        assertThat(Cidr.parse("10.0.0.0/8").strictlyContains(Cidr.parse("10.1.0.0/16"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").strictlyContains(Cidr.parse("192.168.0.0/16"))).isFalse();
    }

    @Test
    void labelValuesFollowTheKubernetesSyntax() {
        assertThat(ObjectHygiene.labelProblem("app.kubernetes.io/name", "web")).isNull();
        assertThat(ObjectHygiene.labelProblem("app", "")).isNull();
        assertThat(ObjectHygiene.labelProblem("app", "a".repeat(64))).contains("not a valid label value");
        assertThat(ObjectHygiene.labelProblem("app", "-web")).contains("not a valid label value");
        assertThat(ObjectHygiene.labelProblem("Bad_Prefix/app", "x")).contains("invalid prefix");
    }

    @Test
    void imagesArePinnedByAReleaseTagOrADigest() {
        assertThat(ContainerPolicy.imageProblem("postgres:15-alpine")).contains("moves with every release");
        assertThat(ContainerPolicy.imageProblem("redis")).contains("no tag");
        assertThat(ContainerPolicy.imageProblem("registry:5000/redis")).contains("no tag");
        assertThat(ContainerPolicy.imageProblem("redis:latest")).contains("latest");
        assertThat(ContainerPolicy.imageProblem("redis:7.2.5-alpine")).isNull();
        assertThat(ContainerPolicy.imageProblem("redis@sha256:" + "a".repeat(64))).isNull();
    }

    @Test
    void aServiceSelectingPodsPrometheusOperatorMakesSelectsThem() {
        String yaml = """
                apiVersion: monitoring.coreos.com/v1
                kind: Prometheus
                metadata: {name: main, namespace: mon}
                spec:
                  replicas: 1
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: prometheus, namespace: mon}
                spec:
                  selector: {prometheus: main}
                  ports: [{port: 9090, targetPort: web}]
                """;
        assertThat(RuleCase.run("service-selects-pods", yaml, RuleCase.FACTS).findings()).isEmpty();
        Report uncovered = RuleCase.run("network-policy-coverage", yaml, RuleCase.FACTS);
        assertThat(uncovered.open()).singleElement().satisfies(f -> {
            assertThat(f.object().id()).isEqualTo("Prometheus/mon/main");
            assertThat(f.message()).contains("made by its operator");
        });
        String typo = yaml.replace("selector: {prometheus: main}", "selector: {prometheus: other}");
        assertThat(RuleCase.run("service-selects-pods", typo, RuleCase.FACTS).open()).singleElement()
                .satisfies(f -> assertThat(f.path()).isEqualTo("/spec/selector"));
    }

    @Test
    void yamlDocumentsRememberTheLineOfEveryField() {
        var sources = YamlDocuments.read("f.yaml", "a: 1\n---\n# comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n");
        assertThat(sources).hasSize(2);
        Source cm = sources.get(1);
        assertThat(cm.lineOf("")).isEqualTo(4);
        assertThat(cm.lineOf("/data/k")).isEqualTo(9);
        assertThat(cm.lineOf("/data/missing/deeper")).as("nearest existing parent").isEqualTo(8);
        assertThat(cm.ref()).isEqualTo(new ObjectRef("ConfigMap", "", "x", "f.yaml", 4));
    }

    @Test
    void yamlThatIsNotAStreamOfObjectsNamesFileAndLine() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlDocuments.read("bad.yaml", "a: 1\n---\n- just\n- a list\n"))
                .isInstanceOf(YamlDocuments.InvalidYamlException.class).hasMessageStartingWith("bad.yaml:3:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlDocuments.read("bad.yaml", "a: [1, 2\nb: 3\n"))
                .isInstanceOf(YamlDocuments.InvalidYamlException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void aStackFileKeyTracesItsLine() {
        StackFileLines lines = StackFileLines.read("stacks/Pulumi.x.yaml", "# c\nconfig:\n  voiceplane:system: ai-ninja\n  voiceplane:quota:\n    requestsCpu: \"4\"\n");
        assertThat(lines.lineOf("voiceplane:quota")).contains(new Finding.StackLine("stacks/Pulumi.x.yaml", "voiceplane:quota", 4));
        assertThat(lines.lineOf("voiceplane:tls")).isEqualTo(Optional.empty());
    }
}
