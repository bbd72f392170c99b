package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * values.yaml and the README's table of values, both from the one value model: each key is
 * preceded by a helm-docs comment ({@code # -- description}, https://github.com/norwoodj/helm-docs#valuesyaml-metadata),
 * and each leaf (a scalar, an empty map or list, an entry of a map of scalars) is a row with its
 * key, type, default and description, as helm-docs would write them.
 */
final class ValuesFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9./-]*");
    private static final Pattern NOT_STRING = Pattern.compile(
            "(?i)y|n|yes|no|on|off|true|false|null|[-+]?(0x[0-9a-f]+|0o?[0-7]+|[0-9]+(\\.[0-9]*)?(e[-+]?[0-9]+)?|\\.inf|\\.nan)");

    /** One row of the README table. */
    record Row(String key, String type, String defaultValue, String description) {
    }

    private final StringBuilder yaml = new StringBuilder();
    private final List<Row> rows = new ArrayList<>();

    private ValuesFile() {
    }

    static String yaml(String header, ChartValues values) {
        ValuesFile f = new ValuesFile();
        f.yaml.append(header);
        f.record(values, 0, "", "");
        return f.yaml.toString();
    }

    static List<Row> rows(ChartValues values) {
        ValuesFile f = new ValuesFile();
        f.record(values, 0, "", "");
        return f.rows;
    }

    /** The README's values table in Markdown. */
    static String table(ChartValues values) {
        StringBuilder out = new StringBuilder("| Key | Type | Default | Description |\n|-----|------|---------|-------------|\n");
        for (Row r : rows(values)) {
            out.append("| ").append(r.key()).append(" | ").append(r.type()).append(" | `").append(r.defaultValue().replace("|", "\\|"))
                    .append("` | ").append(r.description().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    /** @param context what the record is (its component's description), prefixed to leaves whose own text is generic (a CPU, a memory) */
    private void record(Object record, int indent, String path, String context) {
        for (RecordComponent rc : record.getClass().getRecordComponents()) {
            Object value = ValuesSchema.read(rc, record);
            if (value == null) {
                continue;
            }
            Doc doc = rc.getAnnotation(Doc.class);
            String description = doc == null ? "" : doc.value();
            if (record instanceof ChartValues.Quantities && !context.isEmpty()) {
                description = context + ": " + description;
            }
            value(rc.getName(), rc.getGenericType(), value, description, doc != null && doc.closed(), indent, path);
        }
    }

    private void value(String key, Type type, Object value, String description, boolean closed, int indent, String path) {
        String pad = " ".repeat(indent);
        String full = path.isEmpty() ? quoteKey(key) : path + "." + quoteKey(key);
        yaml.append(pad).append("# -- ").append(description).append('\n');
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            yaml.append(pad).append(yamlKey(key)).append(":\n");
            Type entryType = ((ParameterizedType) type).getActualTypeArguments()[1];
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                String entryKey = (String) e.getKey();
                if (e.getValue() != null && e.getValue().getClass().isRecord()) {
                    yaml.append(pad).append("  # -- ").append(description).append(": ").append(entryKey).append('\n');
                    yaml.append(pad).append("  ").append(yamlKey(entryKey)).append(":\n");
                    record(e.getValue(), indent + 4, full + "." + quoteKey(entryKey), description + ": " + entryKey);
                } else {
                    value(entryKey, entryType, e.getValue(), (closed ? description + ": " : "Default entry of " + key + ": ") + entryKey, false, indent + 2, full);
                }
            }
        } else if (value.getClass().isRecord()) {
            yaml.append(pad).append(yamlKey(key)).append(":\n");
            record(value, indent + 2, full, description);
        } else {
            yaml.append(pad).append(yamlKey(key)).append(": ").append(scalar(value)).append('\n');
            rows.add(new Row(full, type(value), json(value), description));
        }
    }

    /**
     * A scalar as YAML: strings plain when no YAML reader could take them for anything else (Helm reads
     * values with YAML 1.1 rules, where yes/no/on/off are booleans), quoted otherwise; JSON for the rest.
     */
    static String scalar(Object value) {
        if (value instanceof String s && PLAIN.matcher(s).matches() && !NOT_STRING.matcher(s).matches() && !s.matches("[0-9.]*")) {
            return s;
        }
        if (value instanceof String s && PLAIN.matcher(s).matches() && s.chars().filter(c -> c == '.').count() > 1 && !s.endsWith(".")) {
            return s; // a version such as 0.1.0 is no number
        }
        return json(value);
    }

    private static String type(Object value) {
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof Integer || value instanceof Long) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return value instanceof List<?> ? "list" : "object";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key as helm-docs writes it in a path: quoted when it has dots, slashes or colons. */
    static String quoteKey(String key) {
        return PLAIN_KEY.matcher(key).matches() ? key : "\"" + key + "\"";
    }

    private static String yamlKey(String key) {
        return PLAIN_KEY.matcher(key).matches() ? key : json(key);
    }
}
