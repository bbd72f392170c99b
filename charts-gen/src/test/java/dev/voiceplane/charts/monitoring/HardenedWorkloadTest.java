package dev.voiceplane.charts.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.stack.ResourceBudget;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.Chart;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import org.junit.jupiter.api.Test;

class HardenedWorkloadTest {
    private static List<JsonNode> synth(HardenedWorkload.Builder builder) {
        Chart chart = Testing.chart();
        builder.build(chart, "w");
        return new ArrayList<>(Testing.synth(chart));
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

    @Test
    void byDefaultOneDeploymentRollsOnePodWithTheDefaultBudgetAndNoProbes() {
        List<JsonNode> objects = synth(HardenedWorkload.builder("x", "ns", "img:1"));
        JsonNode deployment = kind(objects, "Deployment");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("ns");
        assertThat(deployment.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("monitoring");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(deployment.at("/spec").has("strategy")).isFalse();
        JsonNode c = deployment.at("/spec/template/spec/containers/0");
        assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("100m");
        assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
        assertThat(c.has("readinessProbe")).isFalse();
        assertThat(c.has("livenessProbe")).isFalse();
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsUser").asInt()).isEqualTo(65534);
        assertThat(kind(objects, "ServiceAccount").path("automountServiceAccountToken").asBoolean(true)).isFalse();
    }

    @Test
    void componentReplicasArgsEnvResourcesAndPodAnnotationsReachThePod() {
        List<JsonNode> objects = synth(HardenedWorkload.builder("x", "ns", "img:1").component("tracing").replicas(3)
                .args(List.of("--config=/etc/x.yaml")).env(List.of(EnvVar.builder().name("MODE").value("strict").build()))
                .resources(new ResourceBudget("50m", "64Mi", "200m", "256Mi")).podAnnotation("checksum/config", "abc"));
        JsonNode deployment = kind(objects, "Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(deployment.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("tracing");
        JsonNode template = deployment.at("/spec/template");
        assertThat(template.at("/metadata/annotations/checksum~1config").asText()).isEqualTo("abc");
        JsonNode c = template.at("/spec/containers/0");
        assertThat(c.at("/args/0").asText()).isEqualTo("--config=/etc/x.yaml");
        assertThat(c.at("/env/0/name").asText()).isEqualTo("MODE");
        assertThat(c.at("/env/0/value").asText()).isEqualTo("strict");
        assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("50m");
        assertThat(c.at("/resources/requests/memory").asText()).isEqualTo("64Mi");
        assertThat(c.at("/resources/limits/cpu").asText()).isEqualTo("200m");
        assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("256Mi");
    }

    /** Readiness drops a busy pod after 30 s; liveness restarts it only after a minute of silence. */
    @Test
    void aProbeChecksReadinessSoonerThanLiveness() {
        JsonNode c = kind(synth(HardenedWorkload.builder("x", "ns", "img:1").port("http", 3000).probe("/api/health", 3000)), "Deployment")
                .at("/spec/template/spec/containers/0");
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/api/health");
        assertThat(c.at("/readinessProbe/httpGet/port").asInt()).isEqualTo(3000);
        assertThat(c.at("/readinessProbe/periodSeconds").asInt() * c.at("/readinessProbe/failureThreshold").asInt()).isEqualTo(30);
        assertThat(c.at("/livenessProbe/periodSeconds").asInt() * c.at("/livenessProbe/failureThreshold").asInt()).isEqualTo(60);
    }

    @Test
    void theServiceServesEveryPortByNameUnderItsOwnNameWhenGiven() {
        List<JsonNode> objects = synth(HardenedWorkload.builder("grafana", "ns", "img:1").port("http", 3000).port("grpc", 4317)
                .serviceName("grafana-service"));
        JsonNode service = kind(objects, "Service");
        assertThat(service.at("/metadata/name").asText()).isEqualTo("grafana-service");
        assertThat(service.at("/spec/selector/app.kubernetes.io~1name").asText()).isEqualTo("grafana");
        assertThat(service.at("/spec/ports/1/name").asText()).isEqualTo("grpc");
        assertThat(service.at("/spec/ports/1/port").asInt()).isEqualTo(4317);
        assertThat(service.at("/spec/ports/1/targetPort").asText()).isEqualTo("grpc");
        assertThat(kind(objects, "Deployment").at("/spec/template/spec/containers/0/ports/1/containerPort").asInt()).isEqualTo(4317);
    }

    @Test
    void aVolumeIsMountedBesideTheMemoryScratch() {
        JsonNode pod = kind(synth(HardenedWorkload.builder("x", "ns", "img:1").volume(
                Volume.builder().name("config").configMap(ConfigMapVolumeSource.builder().name("x-config").build()).build(),
                VolumeMount.builder().name("config").mountPath("/etc/x").readOnly(true).build())), "Deployment").at("/spec/template/spec");
        assertThat(pod.at("/volumes/0/configMap/name").asText()).isEqualTo("x-config");
        assertThat(pod.at("/volumes/1/name").asText()).isEqualTo("tmp");
        assertThat(pod.at("/volumes/1/emptyDir/medium").asText()).isEqualTo("Memory");
        assertThat(pod.at("/containers/0/volumeMounts/0/mountPath").asText()).isEqualTo("/etc/x");
        assertThat(pod.at("/containers/0/volumeMounts/1/mountPath").asText()).isEqualTo("/tmp");
    }

    /** A claim mounts on one node at a time: the old pod must go before the new one can start. */
    @Test
    void aPersistentClaimIsMountedAndTheDeploymentReplacesRatherThanRolls() {
        JsonNode deployment = kind(synth(HardenedWorkload.builder("loki", "ns", "img:1").persistentClaim("loki-data", "/loki")), "Deployment");
        assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        JsonNode pod = deployment.at("/spec/template/spec");
        assertThat(pod.at("/volumes/0/persistentVolumeClaim/claimName").asText()).isEqualTo("loki-data");
        assertThat(pod.at("/containers/0/volumeMounts/0/mountPath").asText()).isEqualTo("/loki");
    }
}
