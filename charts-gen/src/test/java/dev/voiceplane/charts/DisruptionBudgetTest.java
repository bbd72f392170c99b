package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DisruptionBudgetTest {

    @Test
    void replicatedServicesMayLoseOnePodAtATimeToADrain() {
        ObjectNode pdb = object("ai-ninja-production", "PodDisruptionBudget", "realtime-processor-pdb");
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec").has("minAvailable")).isFalse();
        assertThat(pdb.at("/spec/selector/matchLabels"))
                .isEqualTo(object("ai-ninja-production", "Deployment", "realtime-processor").at("/spec/selector/matchLabels"));
        assertThat(pdb.at("/spec/unhealthyPodEvictionPolicy").asText()).isEqualTo("AlwaysAllow");
    }

    @Test
    void aWorkloadFixedAtOneReplicaGetsNoBudgetOneThatScalesDoes() {
        assertThat(ofKind("local", "PodDisruptionBudget")).isEmpty();
        // bharatvoice-staging runs one to three workers: one may go at a time, so a single pod still drains.
        assertThat(ofKind("bharatvoice-staging", "PodDisruptionBudget")).extracting(o -> o.at("/metadata/name").asText())
                .contains("bharatvoice-worker-pdb", "bharatvoice-app-pdb");
    }
}
