package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.network.RecordSet;
import com.pulumi.azurenative.network.RecordSetArgs;
import com.pulumi.azurenative.network.Zone;
import com.pulumi.azurenative.network.ZoneArgs;
import com.pulumi.azurenative.network.enums.ZoneType;
import com.pulumi.azurenative.network.inputs.ARecordArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The stack's domain as a public Azure DNS zone with an A record per public host at the ingress
 * controller's load-balancer IP. Let's Encrypt resolves the host before it asks for the HTTP-01 token
 * (https://letsencrypt.org/docs/challenge-types/#http-01-challenge), so without these records no
 * certificate is ever issued. The registrar must delegate the domain to {@link #nameServers()}.
 */
public final class PublicDnsZone extends ComponentResource {
    /** Seconds resolvers keep an answer: short, so a new load balancer address spreads quickly. */
    static final double TTL = 300;

    private final Output<List<String>> nameServers;

    /** @param hosts full host names under {@code domain}, e.g. api.ai-ninja.example.com */
    public PublicDnsZone(String name, Output<String> resourceGroup, String domain, List<String> hosts, Output<String> address,
                         ComponentResourceOptions options) {
        super("voiceplane:azure:PublicDnsZone", name, options);
        var zone = new Zone(name, ZoneArgs.builder().resourceGroupName(resourceGroup).location("global")
                .zoneName(domain).zoneType(ZoneType.Public).build(), child(this));
        for (String host : hosts) {
            String label = host.substring(0, host.length() - domain.length() - 1);
            new RecordSet(name + "-" + label, RecordSetArgs.builder().resourceGroupName(resourceGroup).zoneName(zone.name())
                    .relativeRecordSetName(label).recordType("A").ttl(TTL)
                    .aRecords(address.applyValue(ip -> List.of(ARecordArgs.builder().ipv4Address(ip).build())))
                    .build(), child(this));
        }
        this.nameServers = zone.nameServers();
        registerOutputs(Map.of("nameServers", nameServers));
    }

    public Output<List<String>> nameServers() {
        return nameServers;
    }
}
