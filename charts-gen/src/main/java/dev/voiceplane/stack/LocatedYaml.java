package dev.voiceplane.stack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into a Jackson tree, remembering the line of every key, so that errors
 * about a value can point at the line the user wrote it on. Jackson's own tree drops locations.
 */
final class LocatedYaml {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    /** Parses {@code text}; a syntax error becomes a {@link StackConfigException} at its line. */
    static LocatedYaml parse(String file, String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new LocatedYaml(NODES.objectNode(), lines);
            }
            JsonNode root = read(parser, "", lines);
            return new LocatedYaml(root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new StackConfigException(List.of(new ConfigProblem(file, line, "", "not valid YAML: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new StackConfigException(List.of(new ConfigProblem(file, 0, "", "cannot be read: " + e.getMessage())));
        }
    }

    JsonNode root() {
        return root;
    }

    /** The line of the key at this JSON-pointer-like path ({@code /config/voiceplane:replicas/min}), or 0. */
    int lineOf(String path) {
        return lines.getOrDefault(path, 0);
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path + "/" + name;
                    lines.put(child, p.currentLocation().getLineNr());
                    p.nextToken();
                    object.set(name, read(p, child, lines));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "/" + index++;
                    lines.put(child, p.currentLocation().getLineNr());
                    array.add(read(p, child, lines));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(p.getBooleanValue());
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IllegalStateException("unexpected YAML token " + token + " at " + path);
        }
    }
}
