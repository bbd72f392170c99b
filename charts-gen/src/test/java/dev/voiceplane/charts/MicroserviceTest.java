package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static dev.voiceplane.testing.Testing.synth;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.stack.Replicas;
import dev.voiceplane.stack.ResourceBudget;
import dev.voiceplane.testing.Testing;
import java.util.List;
import java.util.Map;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One Microservice at a time, in a bare chart, each option on its own. */
class MicroserviceTest {
    private static final ServiceSpec API = ServiceSpec.builder(SystemName.AI_NINJA, "demo").port(8080).build();
    private static final ServiceSpec SOCKETS = ServiceSpec.builder(SystemName.AI_NINJA, "calls").port(8081)
            .exposure(Exposure.PUBLIC_WEBSOCKET).build();

    /** The required values, and what the catalog makes every service read: its STACK values and the ConfigMap. */
    private static Microservice.Props.Builder minimal(ServiceSpec spec) {
        return Microservice.Props.builder(spec, "shop", "registry.example/" + spec.name() + ":1.0")
                .stackValues(Map.of(Env.PORT, Integer.toString(spec.port()), Env.SERVICE_NAME, spec.name()))
                .configMapName("shop-config");
    }

    private static Chart build(Microservice.Props props) {
        Chart chart = Testing.chart();
        new Microservice(chart, props.spec().name(), props);
        return chart;
    }

    private static JsonNode pod(Chart chart) {
        return synth(chart).stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow()
                .at("/spec/template");
    }

    @Test
    void byDefaultOneHardenedPodRunsWithNoAutoscalerAndNoBudget() {
        Chart chart = build(minimal(API).build());
        ObjectNode deployment = object(chart, "Deployment", "demo");
        assertThat(deployment.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(ofKind(chart, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(ofKind(chart, "VerticalPodAutoscaler")).isEmpty();
        assertThat(ofKind(chart, "PodDisruptionBudget")).isEmpty();
        JsonNode c = deployment.at("/spec/template/spec/containers/0");
        assertThat(c.path("image").asText()).isEqualTo("registry.example/demo:1.0");
        assertThat(c.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(c.at("/securityContext/runAsUser").asInt()).isEqualTo(Microservice.RUN_AS);
        assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(c.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(c.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
        // The default budget is the guide's app pod; cdk8s-plus renders sizes in Mi.
        assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("500m");
        assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("2048Mi");
        JsonNode spec = deployment.at("/spec/template/spec");
        assertThat(spec.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(spec.path("automountServiceAccountToken").asBoolean()).isFalse();
        // Replicas prefer different nodes and spread over zones (PodPlacement).
        assertThat(spec.at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/topologyKey")
                .asText()).isEqualTo(PodPlacement.HOSTNAME);
        assertThat(spec.at("/topologySpreadConstraints/0/topologyKey").asText()).isEqualTo(PodPlacement.ZONE);
        assertThat(spec.path("terminationGracePeriodSeconds").asInt())
                .isEqualTo(Microservice.APP_DRAIN_SECONDS + Microservice.EXIT_MARGIN_SECONDS);
        assertThat(c.has("lifecycle")).isFalse();
        JsonNode template = deployment.at("/spec/template/metadata");
        assertThat(template.at("/labels").has(MeshSidecar.INJECT)).isFalse();
        assertThat(template.at("/annotations").has(Microservice.CONFIG_VERSION)).isFalse();
        assertThat(template.at("/labels").toString()).doesNotContain("cdk8s.io");
        assertThat(object(chart, "ServiceAccount", "demo").path("automountServiceAccountToken").asBoolean()).isFalse();
    }

    @Test
    void probesUseTheCatalogPathsOnTheServicePort() {
        JsonNode c = pod(build(minimal(API).build())).at("/spec/containers/0");
        assertThat(c.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo(API.probes().live());
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo(API.probes().ready());
        assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo(API.probes().startup());
        assertThat(c.at("/readinessProbe/httpGet/port").asInt()).isEqualTo(8080);
    }

    @Test
    void theServiceSelectsThePodsByTheRecommendedLabelsOnTheirPort() {
        Chart chart = build(minimal(API).build());
        ObjectNode service = object(chart, "Service", "demo");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(service.at("/spec/selector")).isEqualTo(object(chart, "Deployment", "demo").at("/spec/selector/matchLabels"));
        assertThat(service.at("/spec/sessionAffinity").asText("None")).isEqualTo("None");
    }

    @Test
    void prometheusScrapesTheMetricsPathOnTheServicePort() {
        JsonNode annotations = pod(build(minimal(API).build())).at("/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo(ServiceSpec.METRICS_PATH);
    }

    @Test
    void replicasWithRoomToScaleGetAnAutoscalerAndABudgetAndTheDeploymentStatesNoCount() {
        Chart chart = build(minimal(API).replicas(new Replicas(2, 5)).build());
        assertThat(object(chart, "Deployment", "demo").at("/spec").has("replicas")).isFalse();
        ObjectNode hpa = object(chart, "HorizontalPodAutoscaler", "demo-hpa");
        assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(5);
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("demo");
        assertThat(object(chart, "VerticalPodAutoscaler", "demo-vpa").at("/spec/targetRef/name").asText()).isEqualTo("demo");
        assertThat(object(chart, "PodDisruptionBudget", "demo-pdb").at("/spec/maxUnavailable").asInt()).isEqualTo(1);
    }

    @Test
    void twoFixedReplicasGetABudgetButNoAutoscaler() {
        Chart chart = build(minimal(API).replicas(new Replicas(2, 2)).build());
        assertThat(object(chart, "Deployment", "demo").at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(ofKind(chart, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(ofKind(chart, "PodDisruptionBudget")).hasSize(1);
    }

    @Test
    void scalingTargetsAreWhatTheAutoscalerHolds() {
        Chart chart = build(minimal(API).replicas(new Replicas(1, 4))
                .scaling(new ScalingTargets(60, 0, new ScalingTargets.PodMetric("queue_depth", 7))).build());
        JsonNode metrics = object(chart, "HorizontalPodAutoscaler", "demo-hpa").at("/spec/metrics");
        assertThat(metrics).hasSize(2);
        assertThat(metrics.at("/0/resource/target/averageUtilization").asInt()).isEqualTo(60);
        assertThat(metrics.at("/1/pods/metric/name").asText()).isEqualTo("queue_depth");
        assertThat(metrics.at("/1/pods/target/averageValue").asInt()).isEqualTo(7);
    }

    @Test
    void resourcesAreTheContainersRequestsAndLimitsAndTheRecommendationsCeiling() {
        ResourceBudget small = new ResourceBudget("100m", "256Mi", "200m", "512Mi");
        Chart chart = build(minimal(API).resources(small).replicas(new Replicas(1, 2)).build());
        JsonNode r = pod(chart).at("/spec/containers/0/resources");
        assertThat(r.at("/requests/cpu").asText()).isEqualTo("100m");
        assertThat(r.at("/requests/memory").asText()).isEqualTo("256Mi");
        assertThat(r.at("/limits/cpu").asText()).isEqualTo("200m");
        assertThat(r.at("/limits/memory").asText()).isEqualTo("512Mi");
        assertThat(object(chart, "VerticalPodAutoscaler", "demo-vpa").at("/spec/resourcePolicy/containerPolicies/0/maxAllowed/cpu")
                .asText()).isEqualTo("200m");
    }

    @Test
    void stackValuesArePlainEnvironmentAndConfigAndSecretsAreReferencesOnly() {
        ServiceSpec spec = ServiceSpec.builder(SystemName.AI_NINJA, "keys").port(8080)
                .env(EnvVar.secret("API_KEY", "a key"), EnvVar.config("MODE", "a mode").optional()).build();
        JsonNode env = pod(build(minimal(spec).secretName("shop-secrets").build())).at("/spec/containers/0/env");
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        env.forEach(e -> byName.put(e.path("name").asText(), e));
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(spec.env().stream()
                .filter(v -> v.source() != EnvVar.Source.STACK || v.required()).map(EnvVar::name).toList());
        assertThat(byName.get(Env.PORT).path("value").asText()).isEqualTo("8080");
        assertThat(byName.get("API_KEY").has("value")).isFalse();
        assertThat(byName.get("API_KEY").at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("shop-secrets");
        assertThat(byName.get("API_KEY").at("/valueFrom/secretKeyRef/optional").asBoolean()).isFalse();
        assertThat(byName.get("MODE").at("/valueFrom/configMapKeyRef/name").asText()).isEqualTo("shop-config");
        assertThat(byName.get("MODE").at("/valueFrom/configMapKeyRef/optional").asBoolean()).isTrue();
    }

    @Test
    void istioAddsTheSidecarToThePodsButNotToTheSelector() {
        Chart chart = build(minimal(API).istio(true).build());
        ObjectNode deployment = object(chart, "Deployment", "demo");
        assertThat(deployment.at("/spec/template/metadata/labels").path(MeshSidecar.INJECT).asText()).isEqualTo("true");
        // A mesh switched on later would otherwise orphan the ReplicaSets.
        assertThat(deployment.at("/spec/selector/matchLabels").has(MeshSidecar.INJECT)).isFalse();
        MeshSidecar.podAnnotations().forEach((k, v) ->
                assertThat(deployment.at("/spec/template/metadata/annotations").path(k).asText()).isEqualTo(v));
    }

    @Test
    void mountsMountEachClaimAtItsPath() {
        JsonNode spec = pod(build(minimal(API).mounts(List.of(new Microservice.ClaimMount("shop-data", "/data"))).build())).at("/spec");
        assertThat(spec.at("/containers/0/volumeMounts/1/mountPath").asText()).isEqualTo("/data");
        String volume = spec.at("/containers/0/volumeMounts/1/name").asText();
        JsonNode claim = null;
        for (JsonNode v : spec.path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                claim = v.at("/persistentVolumeClaim/claimName");
            }
        }
        assertThat(claim).isNotNull();
        assertThat(claim.asText()).isEqualTo("shop-data");
    }

    @Test
    void aRelativeMountPathIsRefusedWithTheClaimNamed() {
        assertThatThrownBy(() -> new Microservice.ClaimMount("shop-data", "data"))
                .hasMessageContaining("shop-data").hasMessageContaining("absolute");
    }

    @Test
    void theConfigVersionAnnotatesThePodsSoAChangeRollsThem() {
        JsonNode annotations = pod(build(minimal(API).configVersion("sha256:0123456789abcdef").build())).at("/metadata/annotations");
        assertThat(annotations.path(Microservice.CONFIG_VERSION).asText()).isEqualTo("sha256:0123456789abcdef");
    }

    @Test
    void sessionSecondsLetLiveCallsEndBeforeTheAppDrains() {
        JsonNode spec = pod(build(minimal(SOCKETS).sessionSeconds(45).build())).at("/spec");
        assertThat(spec.at("/containers/0/lifecycle/preStop/sleep/seconds").asInt()).isEqualTo(45);
        assertThat(spec.path("terminationGracePeriodSeconds").asInt())
                .isEqualTo(45 + Microservice.APP_DRAIN_SECONDS + Microservice.EXIT_MARGIN_SECONDS);
    }

    @Test
    void aWebSocketServiceKeepsCallersOnTheirPod() {
        ObjectNode service = object(build(minimal(SOCKETS).build()), "Service", "calls");
        assertThat(service.at("/spec/sessionAffinity").asText()).isEqualTo("ClientIP");
        assertThat(service.at("/spec/sessionAffinityConfig/clientIP/timeoutSeconds").asInt()).isEqualTo(3600);
    }

    @Test
    void aMigratingServiceRunsMigrateFirstWithTheSameImage() {
        ServiceSpec migrating = ServiceSpec.builder(SystemName.AI_NINJA, "demo").port(8080).migrates(true).build();
        JsonNode spec = pod(build(minimal(migrating).build())).at("/spec");
        assertThat(spec.at("/initContainers/0/args/0").asText()).isEqualTo("migrate");
        assertThat(spec.at("/initContainers/0/image").asText()).isEqualTo(spec.at("/containers/0/image").asText());
        assertThat(pod(build(minimal(API).build())).at("/spec/initContainers").size()).isZero();
    }

    @Test
    void placementPutsEachObjectInTheChartOfItsComponent() {
        App app = new App();
        Map<Component, Chart> charts = new java.util.EnumMap<>(Component.class);
        for (Component c : List.of(Component.CORE_SERVICES, Component.SERVICES, Component.CONFIG_SECURITY, Component.AUTOSCALING)) {
            charts.put(c, new Chart(app, c.id()));
        }
        new Microservice(charts.get(Component.CORE_SERVICES), "demo",
                minimal(API).replicas(new Replicas(2, 3)).placement(charts::get).build());
        assertThat(kinds(charts.get(Component.CORE_SERVICES))).containsExactly("Deployment");
        assertThat(kinds(charts.get(Component.SERVICES))).containsExactly("Service");
        assertThat(kinds(charts.get(Component.CONFIG_SECURITY))).containsExactly("ServiceAccount");
        assertThat(kinds(charts.get(Component.AUTOSCALING)))
                .containsExactlyInAnyOrder("HorizontalPodAutoscaler", "VerticalPodAutoscaler", "PodDisruptionBudget");
    }

    private static List<String> kinds(Chart chart) {
        return synth(chart).stream().map(o -> o.path("kind").asText()).toList();
    }

    @Test
    void sessionSecondsOnAServiceWithoutWebSocketsIsRefused() {
        assertThat(errors(build(minimal(API).sessionSeconds(30).build())))
                .containsExactly("[test/demo] sessionSeconds is 30 but service 'demo' is INTERNAL and holds no WebSocket "
                        + "sessions; leave sessionSeconds at 0");
    }

    @Test
    void negativeSessionSecondsAreRefused() {
        assertThat(errors(build(minimal(SOCKETS).sessionSeconds(-1).build())))
                .containsExactly("[test/calls] sessionSeconds is -1; it must be 0 or more");
    }

    @Test
    void everyMissingValueIsReportedTogetherWithTheConstructPathAndTheFix() {
        ServiceSpec keys = ServiceSpec.builder(SystemName.AI_NINJA, "keys").port(8080).env(EnvVar.secret("API_KEY", "a key")).build();
        Chart chart = build(Microservice.Props.builder(keys, "shop", "keys:1").build());
        assertThat(errors(chart)).containsExactly(
                "[test/keys] service 'keys' requires stack variable(s) [PORT, SERVICE_NAME]; give them in stackValues",
                "[test/keys] service 'keys' reads [LOG_LEVEL] from a CONFIG_MAP; name it with configMapName(...)",
                "[test/keys] service 'keys' reads [API_KEY] from a SECRET; name it with secretName(...)");
    }
}
