package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import org.junit.jupiter.api.Test;

/** Which stacks run their own stores and which point at the cloud's: the systems' rules. */
class SystemStoresTest {

    @Test
    void managedStoresGetOnlyConnectionConfigAndServicesUseTheManagedHostsDirectly() {
        var managed = Testing.stack("ai-ninja-production").managedStores();
        assertThat(ofKind("ai-ninja-production", "StatefulSet")).isEmpty();
        assertThat(object("ai-ninja-production", "Service", "postgres-service").at("/spec/externalName").asText())
                .isEqualTo(managed.postgresHost());
        JsonNode env = object("ai-ninja-production", "Deployment", "user-management").at("/spec/template/spec/containers/0/env");
        assertThat(env.toString()).contains("{\"name\":\"DB_HOST\",\"value\":\"" + managed.postgresHost() + "\"}")
                .contains("{\"name\":\"REDIS_HOST\",\"value\":\"" + managed.redisHost() + "\"}");
    }

    @Test
    void inClusterStacksRunBothStoresWithRecommendationsOutsideALaptop() {
        for (String stack : new String[] {"local", "bharatvoice-production"}) {
            assertThat(ofKind(stack, "StatefulSet")).extracting(o -> o.at("/metadata/name").asText()).contains("postgres", "redis");
        }
        ObjectNode vpa = object("bharatvoice-production", "VerticalPodAutoscaler", "postgres-vpa");
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("StatefulSet");
        assertThat(ofKind("local", "VerticalPodAutoscaler")).isEmpty();
    }

    @Test
    void theStoresReadTheSystemsSecretAndConfigMap() {
        JsonNode env = object("bharatvoice-production", "StatefulSet", "postgres").at("/spec/template/spec/containers/0/env");
        assertThat(env.get(1).at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("bharatvoice-secrets");
        assertThat(env.get(2).at("/valueFrom/configMapKeyRef/name").asText()).isEqualTo("bharatvoice-config");
    }
}
