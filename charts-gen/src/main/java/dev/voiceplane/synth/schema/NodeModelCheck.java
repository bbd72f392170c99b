package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voiceplane.synth.Manifest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        if (!Files.isDirectory(directory.resolve("node_modules"))) {
            throw new IllegalStateException("the npm schema models are not installed in " + directory.toAbsolutePath()
                    + "; run: node " + directory.resolve("install.mjs"));
        }
        ArrayNode input = JSON.createArrayNode();
        objects.forEach(input::add);
        JsonNode results;
        try {
            Process node = new ProcessBuilder("node", directory.resolve("validate.mjs").toString())
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try (OutputStream in = node.getOutputStream()) {
                JSON.writeValue(in, input);
            }
            results = JSON.readTree(node.getInputStream());
            if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException("node validate.mjs failed with exit code " + node.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node for the npm schema models: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating", e);
        }
        List<SchemaViolation> found = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            String id = Manifest.identity(objects.get(i));
            results.path(i).forEach(message -> found.add(new SchemaViolation(id, source, message.asText())));
        }
        return found;
    }
}
