package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.MeshSidecar;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.monitoring.Monitoring;
import dev.voiceplane.charts.monitoring.PrometheusServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How Prometheus reaches a meshed chart's services, under {@code mesh.enabled}. Synthesized with the
 * mesh, each ServiceMonitor scrapes the Istio agent's merged metrics on
 * {@value MeshSidecar#MERGED_METRICS_PORT} ({@link Monitoring#endpoint}) and the NetworkPolicies open
 * that port between Prometheus and each service. With the mesh off no agent listens there, so the
 * release would have no application metrics: the monitors then scrape the service's own
 * {@value ServiceSpec#METRICS_PATH} on its {@code http} port (the unmeshed endpoint, as synth writes it
 * for a stack without a mesh), and the policies open the service's own port instead. Like the rest of
 * {@link ChartBindings}, this keys on what a field is (the meshed endpoint, a rule on the merged-metrics
 * port between Prometheus and a catalog service), not on which object holds it.
 */
final class MeshScrape {
    static final String ENABLED = ".Values.mesh.enabled";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MERGED = MeshSidecar.MERGED_METRICS_PORT;

    private final Tokens tokens;
    private final Function<String, Optional<Integer>> servicePort;

    /**
     * @param servicePort the port of a catalog service of the chart's system, by workload name; empty for
     *                    any other workload
     */
    MeshScrape(Tokens tokens, Function<String, Optional<Integer>> servicePort) {
        this.tokens = tokens;
        this.servicePort = servicePort;
    }

    /** Each meshed endpoint of a ServiceMonitor becomes the unmeshed one when the mesh is off. */
    void serviceMonitor(ObjectNode monitor) {
        JsonNode meshed = JSON.valueToTree(Monitoring.endpoint(true));
        JsonNode plain = JSON.valueToTree(Monitoring.endpoint(false));
        if (!(monitor.at("/spec/endpoints") instanceof ArrayNode endpoints)) {
            return;
        }
        for (int i = 0; i < endpoints.size(); i++) {
            if (endpoints.get(i).equals(meshed)) {
                endpoints.set(i, TextNode.valueOf(tokens.value(either(tokens.json(endpoints.get(i)), tokens.json(plain)))));
            }
        }
    }

    /**
     * In a service's policy, Prometheus's ingress on the merged-metrics port; in Prometheus's policy, its
     * egress to each service on it: the port becomes the service's own when the mesh is off, and so does
     * the rule's line in {@value NetworkPolicies#REASONS}.
     */
    void networkPolicy(ObjectNode policy) {
        String self = policy.at("/spec/podSelector/matchLabels").path(Labels.NAME).asText();
        List<Scrape> scrapes = new ArrayList<>();
        if (self.equals(PrometheusServer.WORKLOAD)) {
            for (JsonNode rule : policy.at("/spec/egress")) {
                scrapeOf(rule, "to").ifPresent(svc -> servicePort.apply(svc).ifPresent(port -> scrapes.add(new Scrape(rule, svc, port, false))));
            }
        } else {
            servicePort.apply(self).ifPresent(port -> {
                for (JsonNode rule : policy.at("/spec/ingress")) {
                    scrapeOf(rule, "from").filter(PrometheusServer.WORKLOAD::equals).ifPresent(p -> scrapes.add(new Scrape(rule, self, port, true)));
                }
            });
        }
        if (scrapes.isEmpty()) {
            return;
        }
        JsonNode annotations = policy.at("/metadata/annotations");
        List<String> lines = annotations.has(NetworkPolicies.REASONS)
                ? new ArrayList<>(List.of(annotations.path(NetworkPolicies.REASONS).asText().split("\n", -1))) : new ArrayList<>();
        for (Scrape s : scrapes) {
            ((ObjectNode) s.rule().at("/ports/0")).put("port", tokens.value(either(Integer.toString(MERGED), Integer.toString(s.port()))));
            String meshedLine = NetworkPolicies.reason(s.flow(MERGED, ""), s.ingress());
            String plainLine = NetworkPolicies.reason(s.flow(s.port(), "helm: mesh.enabled=false, so Prometheus scrapes " + s.service()
                    + "'s " + ServiceSpec.METRICS_PATH + " on its own port"), s.ingress());
            lines.replaceAll(line -> line.startsWith(meshedLine) ? tokens.value(either(Tokens.escape(line), plainLine)) : line);
        }
        if (!lines.isEmpty()) {
            ((ObjectNode) annotations).put(NetworkPolicies.REASONS, String.join("\n", lines));
        }
    }

    /** The one workload peer of a rule with one TCP port, the merged-metrics one; empty for any other rule. */
    private static Optional<String> scrapeOf(JsonNode rule, String peers) {
        JsonNode ports = rule.path("ports");
        JsonNode peer = rule.path(peers);
        boolean merged = ports.size() == 1 && ports.at("/0/port").asInt() == MERGED && ports.at("/0/protocol").asText("TCP").equals("TCP");
        boolean onePod = peer.size() == 1 && peer.get(0).size() == 1 && peer.at("/0/podSelector/matchLabels").size() == 1;
        return merged && onePod ? Optional.of(peer.at("/0/podSelector/matchLabels").path(Labels.NAME).asText()).filter(s -> !s.isEmpty())
                : Optional.empty();
    }

    private static String either(String meshed, String plain) {
        return "{{ if " + ENABLED + " }}" + meshed + "{{ else }}" + plain + "{{ end }}";
    }

    /** Prometheus scraping {@code service}: in the service's policy ({@code ingress}) or in Prometheus's. */
    private record Scrape(JsonNode rule, String service, int port, boolean ingress) {
        Flow flow(int onPort, String reason) {
            return Flow.tcp(Flow.Peer.workload(PrometheusServer.WORKLOAD), Flow.Peer.workload(service), onPort, reason);
        }
    }
}
