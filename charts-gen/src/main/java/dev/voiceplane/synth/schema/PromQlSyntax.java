package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voiceplane.synth.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PromQL of alert rules and Grafana dashboards, parsed with the Prometheus project's own grammar
 * ({@code @prometheus-io/lezer-promql}, the parser of Prometheus's web UI): a query that does not
 * parse is a violation like a field the schema does not know, caught before Prometheus rejects
 * the rule file or a panel shows an error.
 */
public final class PromQlSyntax {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path models;

    /** Uses the models directory {@link NodeModelCheck#locate()} finds. */
    public PromQlSyntax() {
        this(NodeModelCheck.locate());
    }

    public PromQlSyntax(Path models) {
        this.models = models;
    }

    /** A PromQL expression and where it comes from, e.g. {@code PrometheusRule/ns/x HighErrorRate}. */
    public record Query(String source, String expr) {
    }

    /** Every query of the objects: PrometheusRule expressions and dashboard panel targets. */
    public static List<Query> queries(List<? extends JsonNode> objects) {
        List<Query> found = new ArrayList<>();
        for (JsonNode o : objects) {
            String id = Manifest.identity(o);
            if (o.path("kind").asText().equals("PrometheusRule")) {
                for (JsonNode group : o.at("/spec/groups")) {
                    for (JsonNode rule : group.path("rules")) {
                        String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                        found.add(new Query(id + " " + name, rule.path("expr").asText()));
                    }
                }
            }
            if (o.path("kind").asText().equals("ConfigMap") && o.at("/metadata/labels/grafana_dashboard").isTextual()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = o.path("data").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> file = it.next();
                    JsonNode dashboard;
                    try {
                        dashboard = JSON.readTree(file.getValue().asText());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        found.add(new Query(id + " " + file.getKey(), "<invalid dashboard JSON: " + e.getOriginalMessage() + ">"));
                        continue;
                    }
                    for (JsonNode panel : dashboard.path("panels")) {
                        for (JsonNode target : panel.path("targets")) {
                            found.add(new Query(id + " " + file.getKey() + " panel '" + panel.path("title").asText() + "'",
                                    target.path("expr").asText()));
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The syntax errors of each query that has any, in input order. */
    public Map<Query, List<String>> check(List<Query> queries) {
        Map<Query, List<String>> errors = new LinkedHashMap<>();
        if (queries.isEmpty()) {
            return errors;
        }
        ArrayNode input = JSON.createArrayNode();
        queries.forEach(q -> input.add(q.expr()));
        JsonNode results = NodeScript.run(models, "promql", input);
        for (int i = 0; i < queries.size(); i++) {
            List<String> messages = new ArrayList<>();
            results.path(i).forEach(m -> messages.add(m.asText()));
            if (!messages.isEmpty()) {
                errors.put(queries.get(i), messages);
            }
        }
        return errors;
    }

    /** Every query problem of the objects as schema violations. */
    public List<SchemaViolation> validate(List<? extends JsonNode> objects) {
        List<SchemaViolation> violations = new ArrayList<>();
        check(queries(objects)).forEach((q, messages) -> messages.forEach(m ->
                violations.add(new SchemaViolation(q.source(), "PromQL grammar (@prometheus-io/lezer-promql)", m + " in: " + q.expr()))));
        return violations;
    }
}
