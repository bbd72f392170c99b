package dev.voiceplane.validate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A multi-document YAML stream read into objects that remember the line of every field (Jackson's
 * own trees drop locations). Used for what synth writes and for files {@code --dir} reads.
 */
public final class YamlDocuments {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlDocuments() {
    }

    /** YAML that is not a stream of mappings, with the line where reading stopped. */
    public static final class InvalidYamlException extends RuntimeException {
        private final String file;
        private final int line;

        InvalidYamlException(String file, int line, String message) {
            super(file + (line > 0 ? ":" + line : "") + ": " + message);
            this.file = file;
            this.line = line;
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }
    }

    /**
     * Every non-empty document of {@code text} as a {@link Source} of {@code file}.
     *
     * @throws InvalidYamlException on a syntax error or a document that is not a mapping
     */
    public static List<Source> read(String file, String text) {
        List<Source> sources = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int line = parser.currentLocation().getLineNr();
                if (token == JsonToken.VALUE_NULL) {
                    continue; // an empty document between two "---"
                }
                if (token != JsonToken.START_OBJECT) {
                    throw new InvalidYamlException(file, line, "a document must be a Kubernetes object (a mapping), found " + token);
                }
                Map<String, Integer> lines = new HashMap<>();
                lines.put("", line);
                JsonNode root = read(parser, "", lines);
                sources.add(new Source((ObjectNode) root, file, lines));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidYamlException(file, line, "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidYamlException(file, 0, "cannot be read: " + e.getMessage());
        }
        return sources;
    }

    /** A JSON pointer segment: '~' and '/' escaped (RFC 6901). */
    static String segment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path + "/" + segment(name);
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
                return p.getNumberType() == JsonParser.NumberType.INT ? NODES.numberNode(p.getIntValue()) : NODES.numberNode(p.getLongValue());
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
