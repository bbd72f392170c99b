package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.stack.NamespaceQuota;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class NamespaceWithQuotasTest {
    private static final NamespaceQuota SMALL = new NamespaceQuota("2", "4Gi", "4", "8Gi", "500m", "1Gi", "250m", "512Mi");
    private final Chart chart = Testing.chart();

    @Test
    void theNamespaceIsClusterScopedEnforcesRestrictedPodSecurityAndIsOutOfTheMeshByDefault() {
        new NamespaceWithQuotas(chart, "ns", NamespaceWithQuotas.Props.builder("shop").quota(SMALL).build());
        ObjectNode ns = object(chart, "Namespace", "shop");
        assertThat(ns.at("/metadata").has("namespace")).isFalse();
        assertThat(ns.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText()).isEqualTo("restricted");
        assertThat(ns.at("/metadata/labels/istio-injection").asText()).isEqualTo("disabled");
        assertThat(ofKind(chart, "PeerAuthentication")).isEmpty();
    }

    @Test
    void theQuotaAndTheContainerDefaultsAreTheGivenFigures() {
        new NamespaceWithQuotas(chart, "ns", NamespaceWithQuotas.Props.builder("shop").quota(SMALL).build());
        ObjectNode quota = object(chart, "ResourceQuota", "shop-quota");
        assertThat(quota.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(quota.at("/spec/hard/requests.cpu").asText()).isEqualTo("2");
        assertThat(quota.at("/spec/hard/requests.memory").asText()).isEqualTo("4Gi");
        assertThat(quota.at("/spec/hard/limits.cpu").asText()).isEqualTo("4");
        assertThat(quota.at("/spec/hard/limits.memory").asText()).isEqualTo("8Gi");
        ObjectNode limits = object(chart, "LimitRange", "shop-limits");
        assertThat(limits.at("/spec/limits/0/type").asText()).isEqualTo("Container");
        assertThat(limits.at("/spec/limits/0/default/cpu").asText()).isEqualTo("500m");
        assertThat(limits.at("/spec/limits/0/defaultRequest/memory").asText()).isEqualTo("512Mi");
    }

    @Test
    void istioLabelsTheNamespaceForInjectionAndMakesMutualTlsStrict() {
        new NamespaceWithQuotas(chart, "ns", NamespaceWithQuotas.Props.builder("shop").quota(SMALL).istio(true).build());
        assertThat(object(chart, "Namespace", "shop").at("/metadata/labels/istio-injection").asText()).isEqualTo("enabled");
        assertThat(ofKind(chart, "PeerAuthentication")).singleElement()
                .satisfies(p -> assertThat(p.at("/spec/mtls/mode").asText()).isEqualTo("STRICT"));
    }

    @Test
    void withoutAQuotaTheGuidesFiguresApply() {
        new NamespaceWithQuotas(chart, "ns", NamespaceWithQuotas.Props.builder("shop").build());
        NamespaceQuota guide = NamespaceQuota.GUIDE;
        JsonNode hard = object(chart, "ResourceQuota", "shop-quota").at("/spec/hard");
        assertThat(hard.path("requests.cpu").asText()).isEqualTo(guide.requestsCpu());
        assertThat(hard.path("limits.memory").asText()).isEqualTo(guide.limitsMemory());
        JsonNode limits = object(chart, "LimitRange", "shop-limits").at("/spec/limits/0");
        assertThat(limits.at("/default/memory").asText()).isEqualTo(guide.defaultMemory());
        assertThat(limits.at("/defaultRequest/cpu").asText()).isEqualTo(guide.defaultRequestCpu());
    }
}
