package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PodPlacementTest {

    private static JsonNode pod(String service) {
        return object("ai-ninja-production", "Deployment", service).at("/spec/template/spec");
    }

    @Test
    void podsOfOneServicePreferDifferentNodes() {
        JsonNode term = pod("smart-whitelist").at("/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0");
        assertThat(term.at("/podAffinityTerm/topologyKey").asText()).isEqualTo(PodPlacement.HOSTNAME);
        assertThat(term.at("/podAffinityTerm/labelSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("smart-whitelist");
        assertThat(pod("smart-whitelist").at("/affinity/podAntiAffinity").has("requiredDuringSchedulingIgnoredDuringExecution")).isFalse();
    }

    @Test
    void podsSpreadAcrossZonesWithoutBlockingScheduling() {
        JsonNode spread = pod("realtime-processor").at("/topologySpreadConstraints/0");
        assertThat(spread.path("topologyKey").asText()).isEqualTo(PodPlacement.ZONE);
        assertThat(spread.path("maxSkew").asInt()).isEqualTo(1);
        assertThat(spread.path("whenUnsatisfiable").asText()).isEqualTo("ScheduleAnyway");
        assertThat(spread.at("/labelSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("realtime-processor");
    }
}
