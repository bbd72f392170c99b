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
 * Custom resources whose only published model is on npm: external-secrets, through
 * {@code @kubernetes-models/external-secrets} (JSON-schema validators generated from the project's
 * CRDs: types, required fields, enums). Runs {@code schema-models/validate.mjs} on the local Node.js
 * (the one jsii already needs), once per batch of objects.
 *
 * <p>Limit: CRD schemas do not forbid unknown fields (the API server prunes them, or rejects them
 * under strict field validation), so neither do these validators.
 */
final class NodeModelCheck implements ObjectCheck {
    static final Map<String, String> GROUPS = Map.of("external-secrets.io", "@kubernetes-models/external-secrets");
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
        return GROUPS.containsKey(group);
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
        String source = "npm " + GROUPS.get(ObjectCheck.group(objects.get(0).path("apiVersion").asText()));
        ArrayNode input = JSON.createArrayNode();
        objects.forEach(input::add);
        JsonNode results = NodeScript.run(directory, "validate.mjs", input);
        List<SchemaViolation> found = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            String id = Manifest.identity(objects.get(i));
            results.path(i).forEach(message -> found.add(new SchemaViolation(id, source, message.asText())));
        }
        return found;
    }
}
