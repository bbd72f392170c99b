package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** PostgreSQL alone in a bare chart; the StatefulSet it runs as is StoreStatefulSetTest's. */
class PostgresStoreTest {
    private final Chart chart = Testing.chart();

    private ObjectNode build(PostgresStore.Props.Builder props) {
        new PostgresStore(chart, "postgres", props.build());
        return object(chart, "StatefulSet", PostgresStore.NAME);
    }

    private static PostgresStore.Props.Builder props() {
        return PostgresStore.Props.builder("shop", "shop-config", "shop-secrets");
    }

    @Test
    void itIsTheGuidesImageWithItsDatabasePodResourcesCheckedByPgIsready() {
        JsonNode c = build(props()).at("/spec/template/spec/containers/0");
        assertThat(c.path("image").asText()).isEqualTo(PostgresStore.IMAGE);
        assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("250m");
        assertThat(c.at("/resources/requests/memory").asText()).isEqualTo("512Mi");
        assertThat(c.at("/resources/limits/cpu").asText()).isEqualTo("500m");
        assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(c.at("/readinessProbe/exec/command/2").asText()).startsWith("pg_isready -h 127.0.0.1");
        assertThat(c.at("/livenessProbe/exec/command/2").asText()).startsWith("pg_isready");
        assertThat(c.at("/startupProbe/failureThreshold").asInt()).isEqualTo(60);
    }

    @Test
    void itRunsAsItsImagesUserOnAReadOnlyRootWithMemoryScratch() {
        JsonNode pod = build(props()).at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(PostgresStore.UID);
        assertThat(pod.at("/containers/0/securityContext/runAsUser").asInt()).isEqualTo(PostgresStore.UID);
        assertThat(pod.at("/containers/0/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(pod.at("/containers/0/volumeMounts").toString()).contains("/var/run/postgresql").contains("\"/tmp\"")
                .contains(PostgresStore.PGDATA);
        assertThat(pod.at("/volumes/0/emptyDir/medium").asText()).isEqualTo("Memory");
    }

    @Test
    void credentialsAndTheDatabaseNameAreReferencesToTheNamedSecretAndConfigMap() {
        JsonNode env = build(props()).at("/spec/template/spec/containers/0/env");
        assertThat(env.toString()).doesNotContain("\"value\":\"postgres\"");
        assertThat(env.get(0).at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("shop-secrets");
        assertThat(env.get(1).path("name").asText()).isEqualTo("POSTGRES_PASSWORD");
        assertThat(env.get(1).at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("DB_PASSWORD");
        assertThat(env.get(2).at("/valueFrom/configMapKeyRef/name").asText()).isEqualTo("shop-config");
        assertThat(env.get(3).path("value").asText()).isEqualTo(PostgresStore.PGDATA + "/pgdata");
    }

    @Test
    void byDefaultItsVolumeIsTwentyGigabytesAndNoVpaWatchesIt() {
        ObjectNode set = build(props());
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("20Gi");
        assertThat(ofKind(chart, "VerticalPodAutoscaler")).isEmpty();
        assertThat(object(chart, "Service", "postgres-service").at("/spec/ports/0/port").asInt()).isEqualTo(5432);
    }

    @Test
    void sizeSizesTheVolume() {
        assertThat(build(props().size("100Gi")).at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText())
                .isEqualTo("100Gi");
    }

    @Test
    void recommendationsAddAVpaWithinTheDatabasePod() {
        build(props().recommendations(true));
        ObjectNode vpa = object(chart, "VerticalPodAutoscaler", "postgres-vpa");
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("StatefulSet");
        assertThat(vpa.at("/spec/resourcePolicy/containerPolicies/0/minAllowed/memory").asText()).isEqualTo(PostgresStore.FLOOR.requestMemory());
        assertThat(vpa.at("/spec/resourcePolicy/containerPolicies/0/maxAllowed/memory").asText()).isEqualTo("1Gi");
    }

    @Test
    void placementPutsServicesAccountAndVpaInTheirCharts() {
        Map<Component, Chart> charts = Testing.charts(Component.CORE_SERVICES, Component.SERVICES, Component.CONFIG_SECURITY, Component.AUTOSCALING);
        new PostgresStore(charts.get(Component.CORE_SERVICES), "postgres", props().recommendations(true).placement(charts::get).build());
        assertThat(Testing.kinds(charts.get(Component.CORE_SERVICES))).containsExactly("StatefulSet");
        assertThat(Testing.kinds(charts.get(Component.SERVICES))).containsExactly("Service", "Service");
        assertThat(Testing.kinds(charts.get(Component.CONFIG_SECURITY))).containsExactly("ServiceAccount");
        assertThat(Testing.kinds(charts.get(Component.AUTOSCALING))).containsExactly("VerticalPodAutoscaler");
    }
}
