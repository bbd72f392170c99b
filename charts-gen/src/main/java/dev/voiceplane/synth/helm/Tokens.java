package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Placeholders that survive YAML writing and then become template text: a value token stands for a
 * scalar (written unquoted, replaced by an expression); a line token is a map key whose whole line
 * is replaced by template text computed from its indentation (fields that render only when set).
 * So the objects are written by the same {@code YamlWriter} as plain synth, whatever fields they have.
 */
final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BRACES = Pattern.compile("\\{\\{|\\}\\}");
    private static final Pattern LINE = Pattern.compile("(?m)^( *)(voiceplaneHelmLine[0-9]{5}x): .*\\n");
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, IntFunction<String>> lines = new LinkedHashMap<>();

    /** A scalar that renders as {@code expression}. */
    String value(String expression) {
        String token = "voiceplaneHelmValue" + String.format("%05d", values.size()) + "x";
        values.put(token, expression);
        return token;
    }

    /** A map key whose line renders as {@code text.apply(indent)}; the text starts with {@code {{-} to eat its own line. */
    String line(IntFunction<String> text) {
        String token = "voiceplaneHelmLine" + String.format("%05d", lines.size()) + "x";
        lines.put(token, text);
        return token;
    }

    /** The template of written YAML: literal braces escaped for Helm, then every token replaced. */
    String template(String yaml) {
        String out = escape(yaml);
        out = LINE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(lines.get(m.group(2)).apply(m.group(1).length()) + "\n"));
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** A value as flow JSON for template text, each value token in it (a quoted string) replaced by its expression. */
    String json(JsonNode node) {
        String out;
        try {
            out = JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("\"" + e.getKey() + "\"", e.getValue());
        }
        return out;
    }

    /** A value as a Go raw string literal (for {@code fromJson} in an expression); a backquote in it cannot be written so. */
    static String raw(JsonNode node) {
        try {
            String json = JSON.writeValueAsString(node);
            if (json.contains("`")) {
                throw new IllegalStateException("cannot embed a value with a backquote in a template: " + json);
            }
            return "`" + json + "`";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Literal {@code {{}} and {@code }}} in object content must reach the output unchanged through Helm's template engine. */
    static String escape(String yaml) {
        Matcher m = BRACES.matcher(yaml);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group().equals("{{") ? "{{ \"{{\" }}" : "{{ \"}}\" }}"));
    }
}
