package dev.voiceplane.validate;

import dev.voiceplane.synth.schema.PromQlSyntax;
import dev.voiceplane.synth.schema.SchemaModels;
import dev.voiceplane.synth.schema.SchemaValidator;
import dev.voiceplane.synth.schema.SchemaViolation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Layer 1: each object against its published schema ({@link SchemaValidator}: the Kubernetes 1.33
 * OpenAPI twice over and the CRD models), and each alert and dashboard query against the PromQL
 * grammar ({@link PromQlSyntax}).
 */
final class SchemaLayer {
    static final RuleSpec SCHEMA = RuleSpec.of("schema", Severity.ERROR, Layer.SCHEMA,
            "every object conforms to its published schema (Kubernetes 1.33 OpenAPI, the CRD models of its custom resources)",
            "fix the field the schema names", "https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation");
    static final RuleSpec PROMQL = RuleSpec.of("promql", Severity.ERROR, Layer.SCHEMA,
            "every alert and dashboard query parses with the Prometheus grammar", "fix the query's syntax",
            "https://prometheus.io/docs/prometheus/latest/querying/basics/");

    private SchemaLayer() {
    }

    static List<Rule> rules(Path schemaModels) {
        SchemaModels.warmUp(schemaModels);
        SchemaValidator validator = new SchemaValidator(schemaModels);
        PromQlSyntax promql = new PromQlSyntax(schemaModels);
        return List.of(
                Rules.of(SCHEMA, (m, f) -> report(m, validator.validate(objects(m)), f)),
                Rules.of(PROMQL, (m, f) -> report(m, promql.validate(objects(m)), f)));
    }

    private static List<com.fasterxml.jackson.databind.node.ObjectNode> objects(Model m) {
        return m.sources().stream().map(Source::object).toList();
    }

    private static void report(Model m, List<SchemaViolation> violations, Findings f) {
        Map<String, Source> byId = m.sources().stream().collect(Collectors.toMap(s -> s.ref().id(), Function.identity(), (a, b) -> a));
        for (SchemaViolation v : violations) {
            // A PromQL source is "<object id> <rule or panel>": the object is its first word.
            String id = v.object().contains(" ") ? v.object().substring(0, v.object().indexOf(' ')) : v.object();
            Optional<Source> source = Optional.ofNullable(byId.get(id));
            Source where = source.orElse(m.sources().isEmpty() ? null : m.sources().get(0));
            if (where != null) {
                f.add(where, "", (source.isPresent() ? "" : v.object() + ": ") + v.message() + " [" + v.schema() + "]"
                        + (v.object().equals(id) ? "" : " (" + v.object().substring(id.length() + 1) + ")"));
            }
        }
    }
}
