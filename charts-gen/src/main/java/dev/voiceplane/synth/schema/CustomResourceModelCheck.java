package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.voiceplane.synth.Manifest;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Custom resources against the typed models fabric8 publishes for their CRDs (cert-manager,
 * prometheus-operator, Vertical Pod Autoscaler), generated from the projects' CRD schemas.
 * An object is read into its model strictly (no scalar coercion, unknown fields fail), and since
 * fabric8 models keep unknown fields in an "additional properties" map instead of failing, every
 * such map in the read object graph must be empty.
 */
final class CustomResourceModelCheck implements ObjectCheck {
    static final String SOURCE = "fabric8 CRD model";
    /** Groups whose published model is on the classpath, with the artifact that publishes it. */
    static final Map<String, String> GROUPS = Map.of(
            "cert-manager.io", "io.fabric8:certmanager-model",
            "acme.cert-manager.io", "io.fabric8:certmanager-model",
            "monitoring.coreos.com", "io.fabric8:openshift-model-monitoring",
            "autoscaling.k8s.io", "io.fabric8:verticalpodautoscaler-model");

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final Map<String, Class<?>> models = discover();

    @Override
    public boolean covers(String group) {
        return GROUPS.containsKey(group);
    }

    @Override
    public List<SchemaViolation> check(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String id = Manifest.identity(object);
        Class<?> model = models.get(apiVersion + "/" + kind);
        String source = SOURCE + " " + GROUPS.get(ObjectCheck.group(apiVersion));
        if (model == null) {
            return List.of(new SchemaViolation(id, source, "the published model has no " + kind + " in " + apiVersion));
        }
        Object typed;
        try {
            typed = STRICT.treeToValue(object, model);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return List.of(new SchemaViolation(id, source + " (" + model.getSimpleName() + ")", message));
        }
        List<SchemaViolation> found = new ArrayList<>();
        unknownFields(typed, "", id, source, found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    /** Walks the model's getters; every non-empty additional-properties map is a field the CRD does not define. */
    private static void unknownFields(Object value, String path, String id, String source, List<SchemaViolation> found, Set<Object> seen) {
        if (value == null || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "/" + i++, id, source, found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "/" + k, id, source, found, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(value);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (m.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(new SchemaViolation(id, source + " (" + value.getClass().getSimpleName() + ")",
                            "unknown field(s) " + new TreeMap<>(extra).keySet() + " at " + (path.isEmpty() ? "/" : path)));
                }
                continue;
            }
            String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            unknownFields(child, path + "/" + field, id, source, found, seen);
        }
    }

    /** apiVersion/kind to model class, from the resource lists the model jars register. */
    private static Map<String, Class<?>> discover() {
        Map<String, Class<?>> found = new TreeMap<>();
        try {
            Enumeration<URL> lists = CustomResourceModelCheck.class.getClassLoader()
                    .getResources("META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource");
            while (lists.hasMoreElements()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(lists.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        register(line.trim(), found);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the fabric8 CRD models", e);
        }
        return found;
    }

    private static void register(String className, Map<String, Class<?>> found) {
        if (className.isEmpty() || className.startsWith("#") || className.endsWith("List")) {
            return;
        }
        try {
            Class<?> c = Class.forName(className, false, CustomResourceModelCheck.class.getClassLoader());
            Group group = c.getAnnotation(Group.class);
            Version version = c.getAnnotation(Version.class);
            if (group != null && version != null && GROUPS.containsKey(group.value())) {
                found.put(group.value() + "/" + version.value() + "/" + c.getSimpleName(), c);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // A listed class that is not on the classpath belongs to a model we do not use.
        }
    }
}
