package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.synth.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks synthesized objects against published schemas, never hand-written ones: built-in kinds
 * against the Kubernetes OpenAPI document twice over (the official Java client's generated models
 * for 1.33, and the JSON schemas npm {@code kubernetes-models} generates from it), custom resources
 * against the models published for their CRDs. An object of an API group
 * no source covers is itself a violation: nothing leaves unchecked.
 *
 * <p>Thread-safe and reusable; model lookups are cached.
 */
public final class SchemaValidator {
    private final List<ObjectCheck> checks;

    /**
     * Kubernetes 1.33 and the fabric8 CRD models from the classpath, and the npm-published models
     * (external-secrets) from {@link NodeModelCheck#locate()}.
     */
    public SchemaValidator() {
        this(NodeModelCheck.locate());
    }

    /** @param nodeModels the installed {@code charts-gen/schema-models} directory */
    public SchemaValidator(java.nio.file.Path nodeModels) {
        this(List.of(new KubernetesOpenApiCheck(), new CustomResourceModelCheck(), new NodeModelCheck(nodeModels)));
    }

    SchemaValidator(List<ObjectCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Every violation of every object, grouped by schema source; empty when all conform. */
    public List<SchemaViolation> validate(List<? extends JsonNode> objects) {
        Map<ObjectCheck, List<JsonNode>> batches = new LinkedHashMap<>();
        List<SchemaViolation> violations = new ArrayList<>();
        for (JsonNode object : objects) {
            String apiVersion = object.path("apiVersion").asText("");
            if (apiVersion.isEmpty() || object.path("kind").asText("").isEmpty()) {
                violations.add(new SchemaViolation(Manifest.identity(object), "Kubernetes object", "apiVersion and kind are required"));
                continue;
            }
            String group = ObjectCheck.group(apiVersion);
            // Every source that knows the group checks the object: built-in kinds meet both the Java
            // client's models (unknown fields) and the OpenAPI JSON schemas (types, enums, required).
            List<ObjectCheck> covering = checks.stream().filter(c -> c.covers(group)).toList();
            if (covering.isEmpty()) {
                violations.add(new SchemaViolation(Manifest.identity(object), "none", "no published schema for API group '"
                        + group + "' is known; add its model before emitting such objects"));
            }
            covering.forEach(check -> batches.computeIfAbsent(check, c -> new ArrayList<>()).add(object));
        }
        batches.forEach((check, batch) -> violations.addAll(check.checkAll(batch)));
        return violations;
    }

    public List<SchemaViolation> validate(JsonNode object) {
        return validate(List.of(object));
    }
}
