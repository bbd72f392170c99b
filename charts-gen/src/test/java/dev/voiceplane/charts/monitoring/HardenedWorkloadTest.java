package dev.voiceplane.charts.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class HardenedWorkloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> synth(HardenedWorkload.Builder builder) {
        Chart chart = new Chart(new App(), "test");
        builder.build(chart, "w");
        List<JsonNode> out = new ArrayList<>();
        chart.toJson().forEach(o -> out.add(JSON.valueToTree(o)));
        return out;
    }

    private static JsonNode kind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    @Test
    void byDefaultTheWorkloadRunsNonRootReadOnlyWithoutAnApiToken() {
        List<JsonNode> objects = synth(HardenedWorkload.builder("x", "ns", "img:1").runAs(472).port("http", 3000).probe("/health", 3000));
        JsonNode pod = kind(objects, "Deployment").at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(472);
        assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        assertThat(kind(objects, "Service").at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
    }

    @Test
    void aWorkloadWithoutPortsHasNoService() {
        assertThat(synth(HardenedWorkload.builder("x", "ns", "img:1"))).noneMatch(o -> o.path("kind").asText().equals("Service"));
    }

    @Test
    void aDaemonSetWithApiAccessAndAnExceptionRunsAsRootAndSaysWhy() {
        List<JsonNode> objects = synth(HardenedWorkload.builder("x", "ns", "img:1").kind(HardenedWorkload.Kind.DAEMON_SET)
                .apiAccess(true).hardeningException("reads host logs"));
        JsonNode ds = kind(objects, "DaemonSet");
        assertThat(ds.at("/metadata/annotations/voiceplane.dev~1hardening-exception").asText()).isEqualTo("reads host logs");
        assertThat(ds.at("/spec/template/spec/containers/0/securityContext/runAsUser").asInt()).isZero();
        assertThat(ds.at("/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(ds.at("/spec/template/spec/automountServiceAccountToken").asBoolean()).isTrue();
    }

    @Test
    void unpinnedImagesAndReasonlessExceptionsAreRejected() {
        assertThatThrownBy(() -> HardenedWorkload.builder("x", "ns", "grafana/grafana:latest")).hasMessageContaining("pin a version");
        assertThatThrownBy(() -> HardenedWorkload.builder("x", "ns", "grafana/grafana")).hasMessageContaining("without a pinned tag");
        assertThatThrownBy(() -> HardenedWorkload.builder("x", "ns", "img:1").hardeningException(" ")).hasMessageContaining("must say why");
    }
}
