package dev.voiceplane.synth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes objects as a multi-document YAML stream that is byte-identical for identical input:
 * keys sorted (as {@code kubectl get -o yaml} prints them), strings that look like numbers or
 * booleans quoted so they stay strings, Unix line ends.
 */
public final class YamlWriter {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .stringQuotingChecker(new NonStringScalars())
            .build());

    private YamlWriter() {
    }

    /**
     * Jackson's own check quotes strings that look like plain decimals but not ones with an exponent,
     * so a config hash such as {@code 17e8353295701961} was written bare and read back by every YAML
     * 1.2 parser (Helm, kubectl's sigs.k8s.io/yaml) as a float: an annotation the API server refuses,
     * and a chart whose render says {@code Infinity}. This also quotes what the YAML 1.1 and 1.2 core
     * resolvers read as numbers (exponents, hex, octal, infinities, NaN, sexagesimal) and 1.1's booleans.
     */
    static final class NonStringScalars extends StringQuotingChecker.Default {
        private static final Pattern NUMBER_LIKE = Pattern.compile(
                "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?"
                        + "|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO]?[0-7_]+|[-+]?0[bB][01_]+"
                        + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");
        private static final Pattern BOOLEAN_LIKE = Pattern.compile(
                "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|~|null|Null|NULL");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || NUMBER_LIKE.matcher(value).matches() || BOOLEAN_LIKE.matcher(value).matches();
        }
    }

    public static String write(List<? extends JsonNode> objects) {
        StringBuilder out = new StringBuilder();
        for (JsonNode object : objects) {
            if (out.length() > 0) {
                out.append("---\n");
            }
            try {
                out.append(YAML.writeValueAsString(sorted(object)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** A copy with every mapping's keys in sorted order. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(sorted(item)));
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            copy.addAll(items);
            return copy;
        }
        return node;
    }
}
