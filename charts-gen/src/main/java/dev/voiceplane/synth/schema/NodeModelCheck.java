package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voiceplane.synth.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Objects checked by JSON-schema validators published on npm, run by {@code schema-models/validate.mjs}
 * on the local Node.js (the one jsii already needs), once per batch of objects:
 * <ul>
 *   <li>built-in kinds through {@code kubernetes-models}, whose validators are generated from the
 *       Kubernetes OpenAPI document: types, enums and required fields, which the Java client's
 *       models ({@link KubernetesOpenApiCheck}) do not check;</li>
 *   <li>external-secrets, whose only published model is {@code @kubernetes-models/external-secrets}
 *       (generated from the project's CRDs).</li>
 * </ul>
 *
 * <p>Limit: these schemas do not forbid unknown fields (the API server prunes them, or rejects them
 * under strict field validation); the Java client's models catch those for built-in kinds.
 */
final class NodeModelCheck implements ObjectCheck {
    static final Map<String, String> CUSTOM_GROUPS = Map.of("external-secrets.io", "@kubernetes-models/external-secrets");
    static final String BUILT_IN_MODELS = "kubernetes-models";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    NodeModelCheck(Path directory) {
        this.directory = directory;
    }

    /**
     * The installed models: {@code -Dvoiceplane.schemaModels=<dir>}, else {@code charts-gen/schema-models}
     * (or {@code schema-models}) in the working directory or above it.
     */
    static Path locate() {
        String configured = System.getProperty("voiceplane.schemaModels");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            for (Path candidate : List.of(d.resolve("charts-gen/schema-models"), d.resolve("schema-models"))) {
                if (Files.isRegularFile(candidate.resolve("validate.mjs"))) {
                    return candidate;
                }
            }
        }
        return Path.of("charts-gen/schema-models");
    }

    @Override
    public boolean covers(String group) {
        return CUSTOM_GROUPS.containsKey(group) || KubernetesOpenApiCheck.GROUPS.contains(group);
    }

    @Override
    public List<SchemaViolation> check(JsonNode object) {
        return checkAll(List.of(object));
    }

    @Override
    public List<SchemaViolation> checkAll(List<? extends JsonNode> objects) {
        if (objects.isEmpty()) {
            return List.of();
        }
        ArrayNode input = JSON.createArrayNode();
        objects.forEach(input::add);
        JsonNode results = NodeScript.run(directory, "validate.mjs", input);
        List<SchemaViolation> found = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            String id = Manifest.identity(objects.get(i));
            String source = "npm " + CUSTOM_GROUPS.getOrDefault(ObjectCheck.group(objects.get(i).path("apiVersion").asText()), BUILT_IN_MODELS);
            results.path(i).forEach(message -> found.add(new SchemaViolation(id, source, message.asText())));
        }
        return found;
    }
}
