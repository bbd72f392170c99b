package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

class ManagedStoreAliasesTest {
    private final Chart chart = Testing.chart();

    @Test
    void theInClusterNamesPointAtTheManagedHosts() {
        new ManagedStoreAliases(chart, "aliases", new ManagedStoreAliases.Props("shop", "db.example.net", "cache.example.net"));
        ObjectNode pg = object(chart, "Service", "postgres-service");
        assertThat(pg.at("/metadata/namespace").asText()).isEqualTo("shop");
        assertThat(pg.at("/spec/type").asText()).isEqualTo("ExternalName");
        assertThat(pg.at("/spec/externalName").asText()).isEqualTo("db.example.net");
        assertThat(object(chart, "Service", "redis-service").at("/spec/externalName").asText()).isEqualTo("cache.example.net");
    }

    @Test
    void anEmptyHostIsRefusedWithTheStackKeyToSet() {
        new ManagedStoreAliases(chart, "aliases", new ManagedStoreAliases.Props("shop", "db.example.net", ""));
        assertThat(errors(chart)).containsExactly("[test/aliases] managed data stores need both host names, got postgres "
                + "'db.example.net' and redis ''; set voiceplane:managedStores in the stack file");
    }

    @Test
    void managedRedisAnswersOnAzuresTlsPortAndElsewhereOnRedissOwn() {
        // https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports
        assertThat(ManagedStoreAliases.redisPort(dev.voiceplane.stack.Cloud.AZURE)).isEqualTo(6380);
        assertThat(ManagedStoreAliases.redisPort(dev.voiceplane.stack.Cloud.AWS)).isEqualTo(6379);
    }
}
