package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DataStoresTest {
    private static final String STACK = "bharatvoice-production";

    private static JsonNode container(String set) {
        return object(STACK, "StatefulSet", set).at("/spec/template/spec/containers/0");
    }

    @Test
    void postgresIsTheGuidesImageWithItsDatabasePodResources() {
        JsonNode c = container("postgres");
        assertThat(c.path("image").asText()).isEqualTo("postgres:15.19-alpine3.24");
        assertThat(c.at("/resources/requests/cpu").asText()).isEqualTo("250m");
        assertThat(c.at("/resources/requests/memory").asText()).isEqualTo("512Mi");
        assertThat(c.at("/resources/limits/cpu").asText()).isEqualTo("500m");
        assertThat(c.at("/resources/limits/memory").asText()).isEqualTo("1Gi");
        assertThat(c.at("/readinessProbe/exec/command/2").asText()).startsWith("pg_isready");
        assertThat(c.at("/livenessProbe/exec/command/2").asText()).startsWith("pg_isready");
    }

    @Test
    void postgresRunsAsItsOwnNonRootUserOnAReadOnlyRoot() {
        JsonNode c = container("postgres");
        assertThat(c.at("/securityContext/runAsUser").asInt()).isEqualTo(70);
        assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(c.at("/volumeMounts").toString()).contains("/var/run/postgresql").contains("\"/tmp\"");
        assertThat(container("redis").at("/securityContext/runAsUser").asInt()).isEqualTo(999);
    }

    @Test
    void credentialsComeFromTheSecretByReference() {
        JsonNode env = container("postgres").path("env");
        assertThat(env.toString()).doesNotContain("\"value\":\"postgres\"");
        assertThat(env.get(1).path("name").asText()).isEqualTo("POSTGRES_PASSWORD");
        assertThat(env.get(1).at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("bharatvoice-secrets");
        assertThat(env.get(1).at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("DB_PASSWORD");
    }

    @Test
    void theDatabaseKeepsItsVolumeOnFastSsdWhateverHappensToTheStatefulSet() {
        ObjectNode set = object(STACK, "StatefulSet", "postgres");
        assertThat(set.at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText()).isEqualTo("Retain");
        assertThat(set.at("/spec/persistentVolumeClaimRetentionPolicy/whenScaled").asText()).isEqualTo("Retain");
        assertThat(set.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(set.at("/metadata/annotations").path(StorageTiers.HOLDS_DATA).asText()).isEqualTo("true");
        assertThat(set.at("/spec/volumeClaimTemplates/0/metadata/annotations").path(StorageTiers.HOLDS_DATA).asText()).isEqualTo("true");
        assertThat(object(STACK, "StatefulSet", "redis").at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText()).isEqualTo("Retain");
    }

    @Test
    void clientsFindTheStoresByTheGuidesServiceNames() {
        ObjectNode headless = object(STACK, "Service", "postgres-headless");
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(object(STACK, "StatefulSet", "postgres").at("/spec/serviceName").asText()).isEqualTo("postgres-headless");
        assertThat(object(STACK, "Service", "postgres-service").at("/spec/ports/0/port").asInt()).isEqualTo(5432);
        assertThat(object(STACK, "Service", "redis-service").at("/spec/ports/0/port").asInt()).isEqualTo(6379);
        // The guide's kubectl get pods -l app=postgres
        assertThat(object(STACK, "StatefulSet", "postgres").at("/spec/template/metadata/labels/app").asText()).isEqualTo("postgres");
    }

    @Test
    void redisPersistsWithAppendOnlyFileAndSnapshots() {
        String conf = object(STACK, "ConfigMap", "redis-config").at("/data/redis.conf").asText();
        assertThat(conf).contains("appendonly yes").contains("save 900 1").contains("maxmemory-policy noeviction");
        assertThat(container("redis").path("image").asText()).isEqualTo("redis:7.4.11-alpine3.21");
    }

    @Test
    void managedStoresGetOnlyConnectionConfig() {
        assertThat(ofKind("ai-ninja-production", "StatefulSet")).isEmpty();
        ObjectNode pg = object("ai-ninja-production", "Service", "postgres-service");
        assertThat(pg.at("/spec/type").asText()).isEqualTo("ExternalName");
        assertThat(pg.at("/spec/externalName").asText()).isEqualTo("ai-ninja-production.postgres.database.azure.com");
        JsonNode env = object("ai-ninja-production", "Deployment", "user-management").at("/spec/template/spec/containers/0/env");
        assertThat(env.toString()).contains("{\"name\":\"DB_HOST\",\"value\":\"ai-ninja-production.postgres.database.azure.com\"}")
                .contains("{\"name\":\"REDIS_HOST\",\"value\":\"ai-ninja-production.redis.cache.windows.net\"}");
    }

    @Test
    void theLocalStackRunsItsOwnStores() {
        assertThat(ofKind("local", "StatefulSet")).extracting(o -> o.at("/metadata/name").asText()).contains("postgres", "redis");
    }

    @Test
    void theStoresGetResourceRecommendationsOutsideALaptop() {
        ObjectNode vpa = object(STACK, "VerticalPodAutoscaler", "postgres-vpa");
        assertThat(vpa.at("/spec/targetRef/kind").asText()).isEqualTo("StatefulSet");
        assertThat(vpa.at("/spec/updatePolicy/updateMode").asText()).isEqualTo("Off");
        assertThat(vpa.at("/spec/resourcePolicy/containerPolicies/0/maxAllowed/memory").asText()).isEqualTo("1Gi");
        assertThat(object(STACK, "VerticalPodAutoscaler", "redis-vpa").at("/spec/targetRef/name").asText()).isEqualTo("redis");
        assertThat(ofKind("local", "VerticalPodAutoscaler")).isEmpty();
    }
}
