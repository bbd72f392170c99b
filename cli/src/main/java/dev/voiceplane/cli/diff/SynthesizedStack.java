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
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;

/**
 * The objects of an earlier {@code voiceplane synth} of one stack, read back from every YAML file
 * under {@code <root>/<stack>/}.
 */
final class SynthesizedStack {

    private static final YAMLMapper YAML = new YAMLMapper();

    private SynthesizedStack() {
    }

    /**
     * Every object under {@code stackDirectory}, by key, reading every {@code .yaml} and {@code .yml}
     * file at any depth in path order, so that no object can hide from the gate in a sub-folder or
     * under the other extension. A Helm chart (a folder with a Chart.yaml, which synth --format helm
     * writes) is skipped: its templates are not plain YAML and render the same objects.
     */
    static Map<ObjectKey, ObjectNode> read(Path stackDirectory) {
        Map<ObjectKey, ObjectNode> objects = new LinkedHashMap<>();
        for (Path file : files(stackDirectory)) {
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

    /** The YAML files under {@code directory}, sorted, Helm charts left out. */
    static List<Path> files(Path directory) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, java.util.Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(directory) && Files.isRegularFile(dir.resolve("Chart.yaml"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (isYaml(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UnreadableBaselineException(directory + ": cannot list: " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
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
