package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Env;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Azure Cache for Redis with the non-TLS port off (infra turns it off) answers TLS on 6380 only
 * (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports): services
 * of a managed Azure stack are told the port and to speak TLS, and their policies open 6380, not 6379.
 */
class ManagedRedisTlsTest {

    private static String env(ObjectNode deployment, String name) {
        for (JsonNode e : deployment.at("/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void managedAzureRedisIsReachedOverTlsOn6380() {
        for (String stack : List.of("ai-ninja-staging", "ai-ninja-production")) {
            ObjectNode um = object(stack, "Deployment", "user-management");
            assertThat(env(um, Env.REDIS_PORT)).as(stack).isEqualTo("6380");
            assertThat(env(um, Env.REDIS_TLS)).as(stack).isEqualTo("true");
        }
    }

    @Test
    void inClusterRedisStaysPlainOn6379() {
        for (String stack : List.of("local", "bharatvoice-production")) {
            ObjectNode app = ofKind(stack, "Deployment").stream()
                    .filter(d -> env(d, Env.REDIS_HOST) != null).findFirst().orElseThrow();
            assertThat(env(app, Env.REDIS_PORT)).as(stack).isEqualTo("6379");
            assertThat(env(app, Env.REDIS_TLS)).as(stack).isEqualTo("false");
        }
    }

    @Test
    void theEgressToManagedRedisOpensTheTlsPortOnly() {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode rule : object("ai-ninja-production", "NetworkPolicy", "realtime-processor-network").at("/spec/egress")) {
            if (rule.at("/to/0/ipBlock/cidr").asText().equals("10.20.0.0/16")) {
                rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
            }
        }
        assertThat(ports).containsExactly(6380);
    }
}
