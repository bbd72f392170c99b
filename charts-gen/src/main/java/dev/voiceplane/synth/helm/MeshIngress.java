package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.IngressGateway;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A meshed chart's sticky Ingress under {@code mesh.enabled}. Synthesized with the mesh, nginx hands each
 * connection to its own sidecar through the Service's cluster address ({@link IngressGateway#SERVICE_UPSTREAM},
 * {@link IngressGateway#UPSTREAM_VHOST}), and the WebSocket service's stickiness is a cookie-affinity
 * DestinationRule ({@link dev.voiceplane.charts.CookieAffinity}). With the mesh off that rule does not render
 * ({@link ChartBindings}), and through the Service's address every reconnect could land on another pod: the
 * Ingress then balances to the pods itself with ingress-nginx's cookie affinity, with the rule's cookie and
 * lifetime ({@link IngressGateway#cookieAffinity}), as synth writes it for a stack without a mesh. The Ingress is
 * recognised by what it is: one whose only backend is the host of a cookie-affinity DestinationRule.
 */
final class MeshIngress {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Tokens tokens;
    private final ChartObjects objects;

    MeshIngress(Tokens tokens, ChartObjects objects) {
        this.tokens = tokens;
        this.objects = objects;
    }

    void bind(ObjectNode ingress) {
        TreeSet<String> services = new TreeSet<>();
        ingress.at("/spec/rules").forEach(r -> r.at("/http/paths").forEach(p -> services.add(p.at("/backend/service/name").asText())));
        if (services.size() != 1 || !(ingress.at("/metadata/annotations") instanceof ObjectNode annotations)
                || !annotations.has(IngressGateway.SERVICE_UPSTREAM)) {
            return;
        }
        cookieOf(services.first()).ifPresent(cookie -> {
            Map<String, String> meshed = new TreeMap<>();
            for (String key : new String[] {IngressGateway.SERVICE_UPSTREAM, IngressGateway.UPSTREAM_VHOST}) {
                if (annotations.has(key)) {
                    meshed.put(key, annotations.remove(key).asText());
                }
            }
            annotations.put(tokens.line(indent -> only(ChartBindings.MESH_ENABLED, meshed, indent)), "");
            Map<String, String> plain = IngressGateway.cookieAffinity(cookie.path("name").asText(), seconds(cookie.path("ttl").asText()));
            annotations.put(tokens.line(indent -> only("not " + ChartBindings.MESH_ENABLED, plain, indent)), "");
        });
    }

    /** The httpCookie of the chart's DestinationRule for {@code service}'s host, if it has one. */
    private Optional<JsonNode> cookieOf(String service) {
        String host = Names.serviceHost(service, objects.namespace());
        return objects.owned("DestinationRule").stream().filter(r -> r.at("/spec/host").asText().equals(host))
                .map(r -> r.at("/spec/trafficPolicy/loadBalancer/consistentHash/httpCookie")).filter(JsonNode::isObject).findFirst();
    }

    /** Istio's duration, as CookieAffinity writes it ({@code 3600s}), in seconds. */
    private static int seconds(String duration) {
        if (!duration.matches("[0-9]+s")) {
            throw new IllegalStateException("cookie ttl '" + duration + "' is not whole seconds");
        }
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    /** Template text rendering the entries, one {@code "key": "value"} line each at {@code indent}, only under {@code condition}. */
    private static String only(String condition, Map<String, String> entries, int indent) {
        StringBuilder out = new StringBuilder("{{- if ").append(condition).append(" }}");
        entries.forEach((k, v) -> out.append('\n').append(" ".repeat(indent)).append(quoted(k)).append(": ").append(Tokens.escape(quoted(v))));
        return out.append("{{- end }}").toString();
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
