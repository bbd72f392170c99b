package dev.voiceplane.charts;

import dev.voiceplane.catalog.Names;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * Sticky sessions for a service that clients reach through the mesh: an Istio DestinationRule hashing on a
 * cookie, so a client that reconnects (a dropped WebSocket) lands on the pod holding its session. Envoy sets
 * the cookie with the given lifetime on the first response when the client has none
 * (https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB).
 * It takes over from ingress-nginx's cookie affinity where nginx sends to the Service's cluster address
 * ({@link IngressGateway} in a meshed stack) and so has one upstream left to be sticky to. The rule is
 * visible to every namespace's sidecars (no {@code exportTo}), ingress-nginx's included.
 */
public final class CookieAffinity extends Construct {
    /** Istio's networking API; its CRDs come with the istio-base chart. */
    public static final String API_VERSION = "networking.istio.io/v1";

    /**
     * @param service    the Service whose pods the cookie pins
     * @param namespace  the Service's namespace
     * @param cookie     the cookie's name
     * @param ttlSeconds how long a client keeps its pod
     */
    public record Props(String service, String namespace, String cookie, int ttlSeconds) {
        public Props {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(cookie, "cookie");
        }
    }

    public CookieAffinity(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.ttlSeconds() <= 0) {
            Problems.report(this, List.of("cookie lifetime must be positive, got " + props.ttlSeconds() + " s; give the session's length"));
        }
        String service = props.service();
        String namespace = props.namespace();
        String cookie = props.cookie();
        int ttlSeconds = props.ttlSeconds();
        CustomResource.create(this, "destination-rule", API_VERSION, "DestinationRule", service + "-affinity", namespace,
                Labels.ofWorkload(service + "-affinity", "mesh"),
                Map.of("spec", Map.of(
                        "host", Names.serviceHost(service, namespace),
                        "trafficPolicy", Map.of("loadBalancer", Map.of("consistentHash", Map.of(
                                "httpCookie", Map.of("name", cookie, "ttl", ttlSeconds + "s")))))));
    }
}
