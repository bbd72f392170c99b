package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON Schema (draft-07, what Helm validates values against) of a values record, derived from its
 * Java type and its defaults, closed at every level: records are objects with
 * {@code additionalProperties: false} whose present components are required; {@link Doc#closed()}
 * maps allow exactly the defaults' keys, each required and typed by its own default (so a service
 * with an autoscaler takes min/max and one without takes replicas); open maps take any key of their
 * value type; {@link Doc} constraints become {@code pattern}, {@code not}, {@code minimum} and {@code maximum}.
 * One source of truth: a value the Java side does not know cannot be set in values.yaml either.
 *
 * <p>Patterns are written for both regex engines Helm has used for schemas (Go's RE2 in
 * gojsonschema, and santhosh-tekuri/jsonschema), so they have no look-around; "never latest" is a {@code not}.
 */
public final class ValuesSchema {
    /** Kubernetes CPU quantity: millicores or cores with up to three decimals (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/). */
    public static final String CPU = "^([0-9]+m|[0-9]+(\\.[0-9]{1,3})?)$";
    /** Kubernetes memory quantity: a number with a binary or decimal suffix, or bytes. */
    public static final String MEMORY = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    /** A DNS host name, or empty where the chart allows none (without TLS). */
    public static final String HOST = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ObjectNode> keywords;

    private ValuesSchema(Map<String, ObjectNode> keywords) {
        this.keywords = keywords;
    }

    /** The schema of a values type with no defaults: every map open, every component present. */
    public static ObjectNode of(Class<?> root) {
        return of(root, null, Map.of());
    }

    /**
     * @param defaults the chart's default values (closes {@link Doc#closed()} maps, drops absent components); null for none
     * @param keywords JSON Schema keywords added at a dotted path, for what only the stack knows (the
     *                 issuers it defines: {@code ingress.clusterIssuer}; {@code *} for every entry of a map)
     */
    public static ObjectNode of(Class<?> root, Object defaults, Map<String, ObjectNode> keywords) {
        ObjectNode out = JSON.createObjectNode();
        out.put("$schema", "http://json-schema.org/draft-07/schema#");
        out.setAll(new ValuesSchema(keywords).schema(root, defaults, null, ""));
        return out;
    }

    private ObjectNode schema(Type type, Object value, Doc doc, String path) {
        ObjectNode s = JSON.createObjectNode();
        if (type == String.class) {
            if (doc != null && doc.orNumber()) {
                s.putArray("type").add("string").add("number");
                s.put("minimum", 0);
            } else {
                s.put("type", "string");
            }
            if (doc != null && !doc.pattern().isEmpty()) {
                s.put("pattern", doc.pattern());
            }
            if (doc != null && !doc.not().isEmpty()) {
                s.putObject("not").put("const", doc.not());
            }
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            s.put("type", "integer");
            s.put("minimum", doc != null && doc.minimum() != Long.MIN_VALUE ? doc.minimum() : 0);
            if (doc != null && doc.maximum() != Long.MAX_VALUE) {
                s.put("maximum", doc.maximum());
            }
        } else if (type == Boolean.class || type == boolean.class) {
            s.put("type", "boolean");
        } else if (type == Object.class) {
            s.put("$comment", "free-form (a Kubernetes field the chart passes through)");
        } else if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            s.put("type", "array");
            s.set("items", schema(p.getActualTypeArguments()[0], null, null, path + "[]"));
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            if (p.getActualTypeArguments()[0] != String.class) {
                throw new IllegalArgumentException("values maps must have string keys: " + type);
            }
            s.put("type", "object");
            Type valueType = p.getActualTypeArguments()[1];
            if (doc != null && doc.closed() && value instanceof Map<?, ?> known) {
                s.put("additionalProperties", false);
                ObjectNode properties = s.putObject("properties");
                ArrayNode required = s.putArray("required");
                for (Map.Entry<?, ?> e : new TreeMap<>(known).entrySet()) {
                    String key = (String) e.getKey();
                    ObjectNode entry = schema(valueType, e.getValue(), null, path + ".*");
                    properties.set(key, entry);
                    required.add(key);
                }
            } else {
                s.set("additionalProperties", schema(valueType, null, null, path + ".*"));
            }
        } else if (type instanceof Class<?> c && c.isRecord()) {
            record(c, value, s, path);
        } else {
            throw new IllegalArgumentException("no JSON Schema mapping for values type " + type);
        }
        ObjectNode extra = keywords.get(path);
        if (extra != null) {
            s.setAll(extra);
        }
        return s;
    }

    private void record(Class<?> c, Object value, ObjectNode s, String path) {
        s.put("type", "object");
        Doc doc = c.getAnnotation(Doc.class);
        if (doc != null) {
            s.put("description", doc.value());
        }
        s.put("additionalProperties", false);
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = s.putArray("required");
        for (RecordComponent rc : c.getRecordComponents()) {
            Doc d = rc.getAnnotation(Doc.class);
            Object component = value == null ? null : read(rc, value);
            boolean optional = d != null && d.optional();
            if (value != null && component == null && !optional) {
                continue; // nothing in the chart reads it: refused rather than ignored
            }
            String name = rc.getName();
            ObjectNode property = schema(rc.getGenericType(), component, d, path.isEmpty() ? name : path + "." + name);
            if (d != null) {
                property.put("description", d.value());
            }
            properties.set(name, property);
            boolean requiredByType = rc.getType() == String.class || rc.getType().isPrimitive();
            if (!optional && (value != null || requiredByType)) {
                required.add(name);
            }
        }
    }

    static Object read(RecordComponent rc, Object record) {
        try {
            return rc.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + rc.getName(), e);
        }
    }
}
