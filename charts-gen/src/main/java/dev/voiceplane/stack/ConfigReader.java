package dev.voiceplane.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed values out of one mapping of a stack file. Never throws for bad input: each problem
 * is recorded with file, line and key, and a fallback value is returned so that reading goes on
 * and the user sees every problem at once. Keys that nobody read are reported as unknown, which
 * catches typos such as {@code replicas.mni}.
 */
final class ConfigReader {
    /** Kubernetes resource quantity, e.g. 500m, 2, 1.5, 16Gi, 512Mi. */
    /** Words YAML 1.1 (and SnakeYAML) took for booleans, which YAML 1.2 and Pulumi read as text (https://yaml.org/type/bool.html). */
    private static final Set<String> YAML_11_BOOLEANS = Set.of("yes", "no", "on", "off", "y", "n");
    static final Pattern QUANTITY = Pattern.compile("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$");

    private final String file;
    private final LocatedYaml yaml;
    private final JsonNode node;
    private final String path;
    private final String displayKey;
    private final List<ConfigProblem> problems;
    private final Set<String> read = new LinkedHashSet<>();

    ConfigReader(String file, LocatedYaml yaml, JsonNode node, String path, String displayKey, List<ConfigProblem> problems) {
        this.file = file;
        this.yaml = yaml;
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.displayKey = displayKey;
        this.problems = problems;
        if (!this.node.isMissingNode() && !this.node.isObject()) {
            problem("", "must be a mapping of keys to values, got " + describe(this.node));
        }
    }

    boolean has(String key) {
        return node.has(key);
    }

    /** The keys of this mapping as written, in file order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    String string(String key, String fallback) {
        JsonNode value = take(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isValueNode() || value.isNull()) {
            problem(key, "must be a text value, got " + describe(value));
            return fallback;
        }
        return value.asText();
    }

    String requiredString(String key, String hint) {
        if (!node.has(key)) {
            problem(key, "is required; " + hint);
            return "";
        }
        return string(key, "");
    }

    /** A string matching {@code pattern}; {@code what} says in words what is expected. */
    String matching(String key, String fallback, Pattern pattern, String what) {
        String value = string(key, fallback);
        if (value != null && node.has(key) && !pattern.matcher(value).matches()) {
            problem(key, "'" + value + "' is not " + what);
            return fallback;
        }
        return value;
    }

    String quantity(String key, String fallback) {
        return matching(key, fallback, QUANTITY, "a Kubernetes quantity (e.g. 500m, 2, 512Mi, 16Gi)");
    }

    int integer(String key, int fallback, int min, int max) {
        JsonNode value = take(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            problem(key, "must be a whole number between " + min + " and " + max + ", got " + describe(value));
            return fallback;
        }
        long n = value.asLong();
        if (n < min || n > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + n);
            return fallback;
        }
        return (int) n;
    }

    boolean bool(String key, boolean fallback) {
        JsonNode value = take(key);
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        // 'pulumi config set voiceplane:istio true' writes the value quoted: every Pulumi config value is text.
        if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
            return value.asText().equals("true");
        }
        String hint = value.isTextual() && YAML_11_BOOLEANS.contains(value.asText().toLowerCase(java.util.Locale.ROOT))
                ? " (YAML 1.1 read yes/no/on/off as booleans; Pulumi reads them as text, so write true or false)" : "";
        problem(key, "must be true or false, got " + describe(value) + hint);
        return fallback;
    }

    /** One of the choices' ids, e.g. {@code staging}. */
    <E extends Enum<E>> E choice(String key, E fallback, Class<E> type, Function<E, String> id) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        List<String> ids = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (id.apply(e).equals(value)) {
                return e;
            }
            ids.add(id.apply(e));
        }
        problem(key, "'" + value + "' is not one of " + String.join(", ", ids));
        return fallback;
    }

    /** One of {@code choices}, e.g. a CNI name. */
    String oneOf(String key, String fallback, List<String> choices) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        if (!choices.contains(value)) {
            problem(key, "'" + value + "' is not one of " + String.join(", ", choices));
            return fallback;
        }
        return value;
    }

    List<String> strings(String key, List<String> fallback) {
        JsonNode value = take(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isArray()) {
            problem(key, "must be a list, got " + describe(value));
            return fallback;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isValueNode() || item.isNull()) {
                problem(key, "every item must be a text value, got " + describe(item));
            } else {
                out.add(item.asText());
            }
        }
        return List.copyOf(out);
    }

    /** The nested mapping under {@code key}; an absent key reads as an empty mapping. */
    ConfigReader object(String key) {
        return object(key, join(displayKey, key));
    }

    /** As {@link #object(String)}, naming its keys with {@code display} as prefix in messages. */
    ConfigReader object(String key, String display) {
        JsonNode value = take(key);
        return new ConfigReader(file, yaml, value, path + "/" + key, display, problems);
    }

    /** Records a problem about {@code key} of this mapping (empty key: the mapping itself). */
    void problem(String key, String message) {
        String at = key.isEmpty() ? path : path + "/" + key;
        int line = yaml.lineOf(at);
        if (line == 0) {
            line = yaml.lineOf(path);
        }
        problems.add(new ConfigProblem(file, line, key.isEmpty() ? displayKey : join(displayKey, key), message));
    }

    /** Reports every key of this mapping that was never read, suggesting the closest known one. */
    void rejectUnknownKeys(Set<String> known) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!read.contains(key) && !known.contains(key)) {
                Set<String> candidates = new LinkedHashSet<>(read);
                candidates.addAll(known);
                String suggestion = closest(key, candidates);
                problem(key, "unknown key" + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?"));
            }
        }
    }

    void rejectUnknownKeys() {
        rejectUnknownKeys(Set.of());
    }

    private JsonNode take(String key) {
        read.add(key);
        JsonNode value = node.get(key);
        return value == null || value.isMissingNode() ? null : value;
    }

    private static String join(String prefix, String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        return prefix.endsWith(":") ? prefix + key : prefix + "." + key;
    }

    private static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isNull()) {
            return "nothing (null)";
        }
        return "'" + value.asText() + "'";
    }

    static String closest(String key, Set<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
