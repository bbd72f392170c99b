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
 * that port between Prometheus and each service ({@link Monitoring#scrapeFlow}). With the mesh off no
 * agent listens there, so the release would have no application metrics: the monitors then scrape the
 * service's own {@value ServiceSpec#METRICS_PATH} on its {@code http} port and the policies open the
 * service's own port instead, both as Monitoring declares them for a stack without a mesh. Like the rest of
 * {@link ChartBindings}, this keys on what a field is (the meshed endpoint, a rule on the merged-metrics
 * port between Prometheus and a catalog service), not on which object holds it.
 */
final class MeshScrape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MERGED = MeshSidecar.MERGED_METRICS_PORT;

    private final Tokens tokens;
    private final Function<String, Optional<ServiceSpec>> service;

    /**
     * @param service a catalog service of the chart's system, by workload name; empty for any other workload
     */
    MeshScrape(Tokens tokens, Function<String, Optional<ServiceSpec>> service) {
        this.tokens = tokens;
        this.service = service;
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
     * egress to each service on it: the rule and its line in {@value NetworkPolicies#REASONS} become the
     * unmeshed scrape's when the mesh is off.
     */
    void networkPolicy(ObjectNode policy) {
        String self = policy.at("/spec/podSelector/matchLabels").path(Labels.NAME).asText();
        List<Scrape> scrapes = new ArrayList<>();
        if (self.equals(PrometheusServer.WORKLOAD)) {
            for (JsonNode rule : policy.at("/spec/egress")) {
                scrapeOf(rule, "to").flatMap(service).ifPresent(s -> scrapes.add(new Scrape(rule, s, false)));
            }
        } else {
            service.apply(self).ifPresent(s -> {
                for (JsonNode rule : policy.at("/spec/ingress")) {
                    scrapeOf(rule, "from").filter(PrometheusServer.WORKLOAD::equals).ifPresent(p -> scrapes.add(new Scrape(rule, s, true)));
                }
            });
        }
        if (scrapes.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(List.of(policy.at("/metadata/annotations").path(NetworkPolicies.REASONS).asText().split("\n", -1)));
        for (Scrape s : scrapes) {
            Flow meshed = Monitoring.scrapeFlow(s.service(), true);
            Flow plain = Monitoring.scrapeFlow(s.service(), false);
            ((ObjectNode) s.rule().at("/ports/0")).put("port", tokens.value(either(Integer.toString(meshed.port()), Integer.toString(plain.port()))));
            // Matched by rule, not by reason: two declarations of one path share a line (NetworkPolicies).
            String rule = NetworkPolicies.reason(new Flow(meshed.from(), meshed.to(), meshed.port(), meshed.protocol(), ""), s.ingress());
            String plainLine = NetworkPolicies.reason(plain, s.ingress());
            lines.replaceAll(line -> line.startsWith(rule) ? tokens.value(either(Tokens.escape(line), plainLine)) : line);
        }
        if (policy.at("/metadata/annotations") instanceof ObjectNode annotations && annotations.has(NetworkPolicies.REASONS)) {
            annotations.put(NetworkPolicies.REASONS, String.join("\n", lines));
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
        return "{{ if " + ChartBindings.MESH_ENABLED + " }}" + meshed + "{{ else }}" + plain + "{{ end }}";
    }

    /** Prometheus scraping {@code service}: in the service's policy ({@code ingress}) or in Prometheus's. */
    private record Scrape(JsonNode rule, ServiceSpec service, boolean ingress) {
    }
}
