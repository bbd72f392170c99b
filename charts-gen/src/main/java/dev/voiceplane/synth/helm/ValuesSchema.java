package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * JSON Schema (draft-07, what Helm validates values against) of a values record, derived from its
 * Java type: records become closed objects whose non-boxed-number and non-null-able parts are
 * required, {@code Map<String, X>} an object of X, strings and integers what they are. One source
 * of truth: a value the Java side does not know cannot be set in values.yaml either.
 */
public final class ValuesSchema {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValuesSchema() {
    }

    public static ObjectNode of(Class<?> root) {
        ObjectNode schema = of((Type) root);
        ObjectNode out = JSON.createObjectNode();
        out.put("$schema", "http://json-schema.org/draft-07/schema#");
        out.setAll(schema);
        return out;
    }

    private static ObjectNode of(Type type) {
        ObjectNode s = JSON.createObjectNode();
        if (type == String.class) {
            return s.put("type", "string");
        }
        if (type == Integer.class || type == int.class) {
            return s.put("type", "integer").put("minimum", 0);
        }
        if (type == Boolean.class || type == boolean.class) {
            return s.put("type", "boolean");
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            if (p.getActualTypeArguments()[0] != String.class) {
                throw new IllegalArgumentException("values maps must have string keys: " + type);
            }
            s.put("type", "object");
            s.set("additionalProperties", of(p.getActualTypeArguments()[1]));
            return s;
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            s.put("type", "object");
            Doc doc = c.getAnnotation(Doc.class);
            if (doc != null) {
                s.put("description", doc.value());
            }
            s.put("additionalProperties", false);
            ObjectNode properties = s.putObject("properties");
            var required = s.putArray("required");
            for (RecordComponent rc : c.getRecordComponents()) {
                ObjectNode property = of(rc.getGenericType());
                Doc d = rc.getAnnotation(Doc.class);
                if (d != null) {
                    property.put("description", d.value());
                }
                properties.set(rc.getName(), property);
                if ((rc.getType() == String.class || rc.getType().isPrimitive()) && (d == null || !d.optional())) {
                    required.add(rc.getName());
                }
            }
            return s;
        }
        throw new IllegalArgumentException("no JSON Schema mapping for values type " + type);
    }
}
