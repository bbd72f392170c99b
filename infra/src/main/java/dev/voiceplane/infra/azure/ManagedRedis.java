package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.cache.CacheFunctions;
import com.pulumi.azurenative.cache.Redis;
import com.pulumi.azurenative.cache.inputs.ListRedisKeysArgs;
import com.pulumi.azurenative.cache.RedisArgs;
import com.pulumi.azurenative.cache.enums.ManagedServiceIdentityType;
import com.pulumi.azurenative.cache.inputs.ManagedServiceIdentityArgs;
import com.pulumi.azurenative.cache.inputs.RedisCommonPropertiesRedisConfigurationArgs;
import com.pulumi.azurenative.cache.inputs.SkuArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.azurenative.network.PrivateDnsZoneGroup;
import com.pulumi.azurenative.network.PrivateDnsZoneGroupArgs;
import com.pulumi.azurenative.network.PrivateEndpoint;
import com.pulumi.azurenative.network.PrivateEndpointArgs;
import com.pulumi.azurenative.network.inputs.PrivateDnsZoneConfigArgs;
import com.pulumi.azurenative.network.inputs.PrivateLinkServiceConnectionArgs;
import com.pulumi.azurenative.network.inputs.SubnetArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * ai-ninja's cache (guide: "Redis Cache with persistence"): Azure Cache for Redis, TLS only (the
 * non-TLS port off, TLS 1.2 at least), reachable only through a private endpoint in the VNet. Premium
 * in production for zone redundancy, replicas across zones 1-3 and RDB persistence ({@link RedisPersistence});
 * Standard (a primary and a replica, no persistence) in staging.
 */
public final class ManagedRedis extends ComponentResource {
    static final String MIN_TLS = "1.2";

    private final Output<String> host;
    private final Output<String> accessKey;

    /**
     * @param cacheName      the first label of {@code voiceplane:managedStores.redisHost}
     * @param subscriptionId where the persistence account lives (production)
     */
    public ManagedRedis(String name, String cacheName, Output<String> resourceGroup, String location,
                        Output<String> endpointSubnetId, Output<String> privateDnsZoneId, Output<String> subscriptionId, boolean production,
                        ComponentResourceOptions options) {
        super("voiceplane:azure:ManagedRedis", name, options);
        var builder = RedisArgs.builder()
                .resourceGroupName(resourceGroup).location(location).name(cacheName)
                .redisVersion("6")
                .enableNonSslPort(false).minimumTlsVersion(MIN_TLS)
                .publicNetworkAccess("Disabled");
        var redisOptions = CustomResourceOptions.builder().parent(this).protect(true).retainOnDelete(true);
        if (production) {
            builder.sku(SkuArgs.builder().name("Premium").family("P").capacity(1).build())
                    .zones("1", "2", "3").replicasPerPrimary(2);
            // Guide: "Redis Cache with persistence". RDB snapshots to a storage account through a managed identity;
            // why RDB and not AOF, and why this account, in RedisPersistence.
            var persistence = new RedisPersistence(name + "-persistence", persistenceAccount(cacheName), resourceGroup, location,
                    subscriptionId, ComponentResourceOptions.builder().parent(this).build());
            builder.identity(ManagedServiceIdentityArgs.builder().type(ManagedServiceIdentityType.UserAssigned)
                            .userAssignedIdentities(persistence.identityId().applyValue(List::of)).build())
                    .redisConfiguration(RedisCommonPropertiesRedisConfigurationArgs.builder()
                            .rdbBackupEnabled("true").rdbBackupFrequency(RedisPersistence.RDB_FREQUENCY_MINUTES)
                            .rdbBackupMaxSnapshotCount("1")
                            .rdbStorageConnectionString(persistence.blobEndpoint())
                            .preferredDataPersistenceAuthMethod("ManagedIdentity")
                            .storageSubscriptionId(subscriptionId)
                            .build());
            // The identity must hold its role before the first snapshot is written.
            redisOptions.dependsOn(persistence.grant());
        } else {
            // Standard (staging) has no persistence: Azure offers it on Premium only.
            builder.sku(SkuArgs.builder().name("Standard").family("C").capacity(1).build());
        }
        // Sessions and queued work live here: protected and retained.
        var redis = new Redis(name, builder.build(), redisOptions.build());
        // The only way in: a private address in the VNet.
        var endpoint = new PrivateEndpoint(name + "-endpoint", PrivateEndpointArgs.builder()
                .resourceGroupName(resourceGroup).location(location)
                .subnet(SubnetArgs.builder().id(endpointSubnetId).build())
                .privateLinkServiceConnections(PrivateLinkServiceConnectionArgs.builder()
                        .name(cacheName).privateLinkServiceId(redis.id()).groupIds(List.of("redisCache")).build())
                .build(), child(this));
        // Makes <name>.redis.cache.windows.net resolve to the private address inside the VNet.
        new PrivateDnsZoneGroup(name + "-dns", PrivateDnsZoneGroupArgs.builder()
                .resourceGroupName(resourceGroup).privateEndpointName(endpoint.name())
                .privateDnsZoneConfigs(PrivateDnsZoneConfigArgs.builder().name("redis").privateDnsZoneId(privateDnsZoneId).build())
                .build(), child(this));
        this.host = redis.hostName();
        // The services authenticate with the cache's access key (REDIS_PASSWORD): read from Azure once the cache exists.
        this.accessKey = CacheFunctions.listRedisKeys(ListRedisKeysArgs.builder().resourceGroupName(resourceGroup).name(redis.name()).build())
                .applyValue(k -> k.primaryKey()).asSecret();
        registerOutputs(Map.of("host", host));
    }

    /** The persistence account's name: the cache's letters and digits, at most 21, then {@code rdb}. */
    static String persistenceAccount(String cacheName) {
        String letters = cacheName.replaceAll("[^a-z0-9]", "");
        return (letters.length() > 21 ? letters.substring(0, 21) : letters) + "rdb";
    }

    /** The primary access key (secret), for the vault entry the services read REDIS_PASSWORD from. */
    public Output<String> accessKey() {
        return accessKey;
    }

    public Output<String> host() {
        return host;
    }
}
