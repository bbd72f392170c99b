package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The namespace each stack gets, with the stack's quota. How one NamespaceWithQuotas looks is NamespaceWithQuotasTest's. */
class SystemNamespaceTest {

    @Test
    void theNamespaceIsClusterScopedAndEnforcesRestrictedPodSecurity() {
        ObjectNode ns = object("local", "Namespace", "ai-ninja");
        assertThat(ns.at("/metadata").has("namespace")).isFalse();
        assertThat(ns.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText()).isEqualTo("restricted");
    }

    @Test
    void theQuotaTakesTheStacksFigures() {
        ObjectNode quota = object("local", "ResourceQuota", "ai-ninja-quota");
        assertThat(quota.at("/spec/hard/requests.cpu").asText()).isEqualTo("4");
        assertThat(quota.at("/spec/hard/limits.memory").asText()).isEqualTo("24Gi");
    }

    @Test
    void containersWithoutResourcesGetTheGuidesDefaults() {
        ObjectNode limits = object("local", "LimitRange", "ai-ninja-limits");
        assertThat(limits.at("/spec/limits/0/default/cpu").asText()).isEqualTo("1");
        assertThat(limits.at("/spec/limits/0/default/memory").asText()).isEqualTo("2Gi");
        assertThat(limits.at("/spec/limits/0/type").asText()).isEqualTo("Container");
    }
}
