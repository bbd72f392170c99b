package dev.voiceplane.infra.aws;

import com.pulumi.aws.route53.Record;
import com.pulumi.aws.route53.RecordArgs;
import com.pulumi.aws.route53.Zone;
import com.pulumi.aws.route53.ZoneArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The stack's domain as a public Route 53 hosted zone with a CNAME per public host to the ingress
 * controller's network load balancer (whose addresses AWS changes; its name stays). Let's Encrypt
 * resolves the host before it asks for the HTTP-01 token
 * (https://letsencrypt.org/docs/challenge-types/#http-01-challenge), so without these records no
 * certificate is ever issued. The registrar must delegate the domain to {@link #nameServers()}.
 */
public final class PublicDnsZone extends ComponentResource {
    /** Seconds resolvers keep an answer. */
    static final int TTL = 300;

    private final Output<List<String>> nameServers;

    /** @param hosts full host names under {@code domain}, e.g. api.bharatvoice.example.in */
    public PublicDnsZone(String name, String domain, List<String> hosts, Output<String> loadBalancerHost,
                         ComponentResourceOptions options) {
        super("voiceplane:aws:PublicDnsZone", name, options);
        var zone = new Zone(name, ZoneArgs.builder().name(domain).comment("voiceplane " + name).forceDestroy(false).build(), child(this));
        for (String host : hosts) {
            new Record(name + "-" + host.substring(0, host.indexOf('.')), RecordArgs.builder().zoneId(zone.zoneId())
                    .name(host).type("CNAME").ttl(TTL).records(loadBalancerHost.applyValue(List::of)).build(), child(this));
        }
        this.nameServers = zone.nameServers();
        registerOutputs(Map.of("nameServers", nameServers));
    }

    public Output<List<String>> nameServers() {
        return nameServers;
    }
}
