package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.voiceplane.synth.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The objects of an earlier {@code voiceplane synth} of one stack, read back from
 * {@code <root>/<stack>/*.yaml} in file-name order (the {@code helm/} chart beside them is not
 * read: it renders the same objects).
 */
final class SynthesizedStack {

    private static final YAMLMapper YAML = new YAMLMapper();

    private SynthesizedStack() {
    }

    /** Every object by key, in file and document order; empty when the directory does not exist. */
    static Map<ObjectKey, ObjectNode> read(Path stackDirectory) {
        Map<ObjectKey, ObjectNode> objects = new LinkedHashMap<>();
        if (!Files.isDirectory(stackDirectory)) {
            return objects;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(stackDirectory)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UnreadableBaselineException(stackDirectory + ": cannot list: " + e.getMessage());
        }
        for (Path file : files) {
            String yaml;
            try {
                yaml = Files.readString(file);
            } catch (IOException e) {
                throw new UnreadableBaselineException(file + ": cannot read: " + e.getMessage());
            }
            parse(file.toString(), yaml, objects);
        }
        return objects;
    }

    /**
     * The objects of {@code yaml}, a multi-document stream, added to {@code objects}; {@code source}
     * names it in errors.
     */
    static void parse(String source, String yaml, Map<ObjectKey, ObjectNode> objects) {
        try (JsonParser parser = YAML.createParser(yaml);
                MappingIterator<JsonNode> documents = YAML.readValues(parser, JsonNode.class)) {
            while (documents.hasNextValue()) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue; // an empty document between two '---' is allowed and means nothing
                }
                if (!(document instanceof ObjectNode object) || object.path("kind").asText().isEmpty()
                        || object.path("metadata").path("name").asText().isEmpty()) {
                    throw new UnreadableBaselineException(source + ":" + line
                            + ": not a Kubernetes object (needs 'kind' and 'metadata.name')");
                }
                ObjectNode earlier = objects.putIfAbsent(ObjectKey.of(object), object);
                if (earlier != null) {
                    throw new UnreadableBaselineException(source + ":" + line + ": " + Manifest.identity(object) + " appears twice");
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UnreadableBaselineException(source + (at != null ? ":" + at.getLineNr() : "") + ": not valid YAML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UnreadableBaselineException(source + ": cannot read: " + e.getMessage());
        }
    }
}
