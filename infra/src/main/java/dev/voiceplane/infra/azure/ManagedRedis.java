package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.cache.Redis;
import com.pulumi.azurenative.cache.RedisArgs;
import com.pulumi.azurenative.cache.inputs.SkuArgs;
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
import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * ai-ninja's cache (guide: "Redis Cache with persistence"): Azure Cache for Redis, TLS only (the
 * non-TLS port off, TLS 1.2 at least), reachable only through a private endpoint in the VNet. Premium
 * in production for zone redundancy and replicas across zones 1-3; Standard (a primary and a replica)
 * in staging.
 */
public final class ManagedRedis extends ComponentResource {
    static final String MIN_TLS = "1.2";

    private final Output<String> host;

    /** @param cacheName the first label of {@code voiceplane:managedStores.redisHost} */
    public ManagedRedis(String name, String cacheName, Output<String> resourceGroup, String location,
                        Output<String> endpointSubnetId, Output<String> privateDnsZoneId, boolean production,
                        ComponentResourceOptions options) {
        super("voiceplane:azure:ManagedRedis", name, options);
        var builder = RedisArgs.builder()
                .resourceGroupName(resourceGroup).location(location).name(cacheName)
                .redisVersion("6")
                .enableNonSslPort(false).minimumTlsVersion(MIN_TLS)
                .publicNetworkAccess("Disabled");
        if (production) {
            builder.sku(SkuArgs.builder().name("Premium").family("P").capacity(1).build())
                    .zones("1", "2", "3").replicasPerPrimary(2);
        } else {
            builder.sku(SkuArgs.builder().name("Standard").family("C").capacity(1).build());
        }
        // Sessions and queued work live here: protected and retained.
        var redis = new Redis(name, builder.build(), holdsData(this));
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
        registerOutputs(Map.of("host", host));
    }

    public Output<String> host() {
        return host;
    }
}
