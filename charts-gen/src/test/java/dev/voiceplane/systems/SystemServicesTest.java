package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.objects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.Microservice;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every stack builds for its catalog services: the system rules, stated on the real stacks. */
class SystemServicesTest {

    private static JsonNode container(String service) {
        return object("local", "Deployment", service).at("/spec/template/spec/containers/0");
    }

    @Test
    void everyCatalogServiceOfTheSystemBecomesADeploymentAndAService() {
        for (ServiceSpec spec : ServiceCatalog.of(SystemName.AI_NINJA)) {
            ObjectNode deployment = object("local", "Deployment", spec.name());
            assertThat(deployment.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(spec.port());
            assertThat(object("local", "Service", spec.name()).at("/spec/ports/0/port").asInt()).isEqualTo(spec.port());
        }
    }

    @Test
    void resourcesComeFromTheStack() {
        JsonNode r = container("profile-analytics").path("resources");
        assertThat(r.at("/requests/cpu").asText()).isEqualTo("100m");
        assertThat(r.at("/limits/memory").asText()).isEqualTo("512Mi");
    }

    @Test
    void theEnvironmentIsExactlyTheCatalogsWithSecretsByReferenceOnly() {
        ServiceSpec spec = ServiceCatalog.get("user-management");
        JsonNode env = container("user-management").path("env");
        List<String> names = new ArrayList<>();
        env.forEach(e -> names.add(e.path("name").asText()));
        assertThat(names).containsExactlyInAnyOrderElementsOf(spec.env().stream().map(EnvVar::name).toList());
        env.forEach(e -> {
            EnvVar declared = spec.envVar(e.path("name").asText());
            if (declared.source() == EnvVar.Source.SECRET) {
                assertThat(e.has("value")).as("%s must not carry a value", declared.name()).isFalse();
                assertThat(e.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("ai-ninja-secrets");
            }
        });
    }

    /**
     * A rollout or scale-down must not cut live calls: when its pod is deleted the endpoints drop it
     * (no new calls are admitted), the preStop hook lets idle-bounded calls finish for WEBSOCKET_TIMEOUT,
     * then SIGTERM starts the app's own drain (readiness 503, turns in flight finish, 1001 Going Away
     * to the rest within ServiceRuntime.DRAIN_TIMEOUT, 20 s); the grace period covers all of it.
     */
    @Test
    void theRealtimeProcessorLetsLiveCallsEndBeforeItStops() {
        for (String stack : new String[] {"ai-ninja-production", "ai-ninja-staging", "local"}) {
            int websocketSeconds = Integer.parseInt(Testing.stack(stack).appSettings().get("WEBSOCKET_TIMEOUT")) / 1000;
            JsonNode pod = object(stack, "Deployment", "realtime-processor").at("/spec/template/spec");
            assertThat(pod.at("/containers/0/lifecycle/preStop/sleep/seconds").asInt()).as(stack).isEqualTo(websocketSeconds);
            assertThat(pod.path("terminationGracePeriodSeconds").asInt()).as(stack)
                    .isGreaterThanOrEqualTo(websocketSeconds + Microservice.APP_DRAIN_SECONDS);
        }
        assertThat(object("ai-ninja-production", "Deployment", "user-management").at("/spec/template/spec/containers/0/lifecycle")
                .isMissingNode()).isTrue();
    }

    @Test
    void everyObjectCarriesTheOwnershipLabels() {
        for (ObjectNode o : objects("local")) {
            JsonNode labels = o.at("/metadata/labels");
            assertThat(labels.path(Labels.MANAGED_BY).asText()).as("%s", o.path("kind")).isEqualTo("voiceplane");
            assertThat(labels.path(Labels.PART_OF).asText()).isEqualTo("ai-ninja");
            assertThat(labels.path(Labels.STACK).asText()).isEqualTo("local");
        }
    }

    @Test
    void istioInjectionFollowsTheStack() {
        String label = "/spec/template/metadata/labels/sidecar.istio.io~1inject";
        assertThat(object("ai-ninja-production", "Deployment", "user-management").at(label).asText()).isEqualTo("true");
        assertThat(object("local", "Deployment", "user-management").at(label).isMissingNode()).isTrue();
        assertThat(object("bharatvoice-production", "Deployment", "bharatvoice-app").at(label).isMissingNode()).isTrue();
        // The selector must not include it: a mesh switched on later would otherwise orphan the ReplicaSets.
        assertThat(object("ai-ninja-production", "Deployment", "user-management").at("/spec/selector/matchLabels").has("sidecar.istio.io/inject")).isFalse();
    }

    @Test
    void productionPodsGetTheGuidesAppPodResources() {
        JsonNode r = object("bharatvoice-production", "Deployment", "bharatvoice-app").at("/spec/template/spec/containers/0/resources");
        assertThat(r.at("/requests/cpu").asText()).isEqualTo("500m");
        // cdk8s-plus renders sizes in Mi: 1Gi and 2Gi.
        assertThat(r.at("/requests/memory").asText()).isEqualTo("1024Mi");
        assertThat(r.at("/limits/cpu").asText()).isEqualTo("1000m");
        assertThat(r.at("/limits/memory").asText()).isEqualTo("2048Mi");
    }
}
