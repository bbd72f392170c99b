package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** Redis alone in a bare chart. */
class RedisStoreTest {
    private final Chart chart = Testing.chart();

    private ObjectNode build(RedisStore.Props.Builder props) {
        new RedisStore(chart, "redis", props.build());
        return object(chart, "StatefulSet", RedisStore.NAME);
    }

    @Test
    void itPersistsWithAppendOnlyFileAndSnapshotsAndNeverEvicts() {
        ObjectNode set = build(RedisStore.Props.builder("shop", "shop-secrets"));
        String conf = object(chart, "ConfigMap", RedisStore.CONFIG).at("/data/redis.conf").asText();
        assertThat(conf).contains("appendonly yes").contains("appendfsync everysec").contains("save 900 1")
                .contains("maxmemory-policy noeviction");
        JsonNode c = set.at("/spec/template/spec/containers/0");
        assertThat(c.path("image").asText()).isEqualTo(RedisStore.IMAGE);
        assertThat(c.at("/securityContext/runAsUser").asInt()).isEqualTo(RedisStore.UID);
        assertThat(c.at("/command/2").asText()).startsWith("exec redis-server /etc/redis/redis.conf");
        assertThat(set.at("/spec/template/spec/volumes/0/configMap/name").asText()).isEqualTo(RedisStore.CONFIG);
    }

    @Test
    void thePasswordIsAnOptionalReferenceToTheNamedSecret() {
        JsonNode env = build(RedisStore.Props.builder("shop", "shop-secrets")).at("/spec/template/spec/containers/0/env/0");
        assertThat(env.path("name").asText()).isEqualTo("REDIS_PASSWORD");
        assertThat(env.has("value")).isFalse();
        assertThat(env.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("shop-secrets");
        assertThat(env.at("/valueFrom/secretKeyRef/optional").asBoolean()).isTrue();
    }

    @Test
    void byDefaultItsVolumeIsFiveGigabytesAndNoVpaWatchesIt() {
        ObjectNode set = build(RedisStore.Props.builder("shop", "shop-secrets"));
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("5Gi");
        assertThat(set.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("cache");
        assertThat(ofKind(chart, "VerticalPodAutoscaler")).isEmpty();
        assertThat(object(chart, "Service", "redis-service").at("/spec/ports/0/port").asInt()).isEqualTo(6379);
    }

    @Test
    void sizeAndRecommendationsAreOptions() {
        ObjectNode set = build(RedisStore.Props.builder("shop", "shop-secrets").size("8Gi").recommendations(true));
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("8Gi");
        ObjectNode vpa = object(chart, "VerticalPodAutoscaler", "redis-vpa");
        assertThat(vpa.at("/spec/targetRef/name").asText()).isEqualTo("redis");
        assertThat(vpa.at("/spec/resourcePolicy/containerPolicies/0/maxAllowed/memory").asText()).isEqualTo(RedisStore.RESOURCES.limitMemory());
    }

    @Test
    void placementPutsTheConfigurationAndAccountWithTheConfigAndTheServicesWithTheServices() {
        var charts = Testing.charts(Component.CORE_SERVICES, Component.SERVICES, Component.CONFIG_SECURITY, Component.AUTOSCALING);
        new RedisStore(charts.get(Component.CORE_SERVICES), "redis", RedisStore.Props.builder("shop", "shop-secrets").placement(charts::get).build());
        assertThat(Testing.kinds(charts.get(Component.CORE_SERVICES))).containsExactly("StatefulSet");
        assertThat(Testing.kinds(charts.get(Component.SERVICES))).containsExactly("Service", "Service");
        assertThat(Testing.kinds(charts.get(Component.CONFIG_SECURITY))).containsExactlyInAnyOrder("ConfigMap", "ServiceAccount");
        assertThat(Testing.kinds(charts.get(Component.AUTOSCALING))).as("no VPA without recommendations").isEmpty();
    }
}
