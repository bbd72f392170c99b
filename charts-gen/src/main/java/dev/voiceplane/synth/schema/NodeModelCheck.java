package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voiceplane.synth.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Objects checked by JSON-schema validators published on npm, run by {@code schema-models/checks.mjs} (through {@link NodeScript})
 * on the local Node.js (the one jsii already needs), once per batch of objects:
 * <ul>
 *   <li>built-in kinds through {@code kubernetes-models}, whose validators are generated from the
 *       Kubernetes OpenAPI document: types, enums and required fields, which the Java client's
 *       models ({@link KubernetesOpenApiCheck}) do not check;</li>
 *   <li>external-secrets and Istio's security and networking APIs (PeerAuthentication, DestinationRule), whose only published models are
 *       {@code @kubernetes-models/external-secrets} and {@code @kubernetes-models/istio} (generated from the
 *       projects' CRDs).</li>
 * </ul>
 *
 * <p>Limit: these schemas do not forbid unknown fields (the API server prunes them, or rejects them
 * under strict field validation); the Java client's models catch those for built-in kinds.
 */
final class NodeModelCheck implements ObjectCheck {
    static final Map<String, String> CUSTOM_GROUPS = Map.of("external-secrets.io", "@kubernetes-models/external-secrets",
            "security.istio.io", "@kubernetes-models/istio", "networking.istio.io", "@kubernetes-models/istio");
    static final String BUILT_IN_MODELS = "kubernetes-models";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    NodeModelCheck(Path directory) {
        this.directory = directory;
    }

    /**
     * The installed models, wherever voiceplane runs from: {@code -Dvoiceplane.schemaModels=<dir>} or
     * {@code VOICEPLANE_SCHEMA_MODELS}; else {@code schema-models} beside the installation's {@code lib/}; else the
     * directory the build installed them in (recorded in {@code schema-models.properties}); else
     * {@code charts-gen/schema-models} in the working directory or above it. A directory counts once its npm
     * packages are installed.
     *
     * @throws SchemaModelsMissingException naming every place looked
     */
    static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("voiceplane.schemaModels", System.getenv("VOICEPLANE_SCHEMA_MODELS"));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        } else {
            besideInstallation().ifPresent(candidates::add);
            recordedByBuild().ifPresent(candidates::add);
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                candidates.add(d.resolve("charts-gen/schema-models"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("serve.mjs")) && Files.isDirectory(candidate.resolve("node_modules"))) {
                return candidate;
            }
        }
        throw new SchemaModelsMissingException(candidates.stream().limit(4).toList());
    }

    /** {@code <install>/schema-models} when this class is loaded from {@code <install>/lib/*.jar}. */
    private static Optional<Path> besideInstallation() {
        try {
            Path code = Path.of(NodeModelCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = code.getParent();
            return lib == null || lib.getParent() == null ? Optional.empty() : Optional.of(lib.getParent().resolve("schema-models"));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> recordedByBuild() {
        try (InputStream in = NodeModelCheck.class.getResourceAsStream("schema-models.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            String dir = p.getProperty("directory", "");
            return dir.isBlank() || dir.contains("${") ? Optional.empty() : Optional.of(Path.of(dir));
        } catch (IOException e) {
            return Optional.empty();
        }
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
        JsonNode results = NodeScript.run(directory, "validate", input);
        List<SchemaViolation> found = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            String id = Manifest.identity(objects.get(i));
            String source = "npm " + CUSTOM_GROUPS.getOrDefault(ObjectCheck.group(objects.get(i).path("apiVersion").asText()), BUILT_IN_MODELS);
            results.path(i).forEach(message -> found.add(new SchemaViolation(id, source, message.asText())));
        }
        return found;
    }
}
