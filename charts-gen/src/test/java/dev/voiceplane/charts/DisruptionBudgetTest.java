package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class DisruptionBudgetTest {
    private static final Map<String, String> PODS = Map.of("app.kubernetes.io/name", "web");
    private final Chart chart = Testing.chart();

    @Test
    void oneSelectedPodAtATimeMayBeEvictedAndCrashLoopingOnesNeverBlockADrain() {
        new DisruptionBudget(chart, "budget", DisruptionBudget.Props.builder("web", "shop", PODS).build());
        ObjectNode pdb = object(chart, "PodDisruptionBudget", "web-pdb");
        assertThat(pdb.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(pdb.at("/spec").has("minAvailable")).isFalse();
        assertThat(pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("web");
        assertThat(pdb.at("/spec/unhealthyPodEvictionPolicy").asText()).isEqualTo("AlwaysAllow");
        // Labels default to the selector's.
        assertThat(pdb.at("/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("web");
    }

    @Test
    void labelsLabelTheBudgetNotTheSelector() {
        new DisruptionBudget(chart, "budget", DisruptionBudget.Props.builder("web", "shop", PODS).labels(Map.of("team", "voice")).build());
        ObjectNode pdb = object(chart, "PodDisruptionBudget", "web-pdb");
        assertThat(pdb.at("/metadata/labels/team").asText()).isEqualTo("voice");
        assertThat(pdb.at("/spec/selector/matchLabels").has("team")).isFalse();
    }

    @Test
    void anEmptySelectorIsRefusedSinceItWouldCoverTheWholeNamespace() {
        new DisruptionBudget(chart, "budget", DisruptionBudget.Props.builder("web", "shop", Map.of()).build());
        assertThat(errors(chart)).containsExactly("[test/budget] budget 'web' selects no pods: an empty selector matches every pod "
                + "of the namespace; give the workload's own labels");
    }

    @Test
    void aWorkloadThatMayRunTwoPodsGetsABudgetOneFixedAtOneDoesNot() {
        assertThat(DisruptionBudget.applies(1)).isFalse();
        assertThat(DisruptionBudget.applies(2)).isTrue();
    }
}
