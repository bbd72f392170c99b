package dev.voiceplane.synth.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.voiceplane.synth.Manifest;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Built-in Kubernetes kinds against the Kubernetes 1.33 OpenAPI document, through the models of
 * the official Java client (io.kubernetes:client-java-api 24.x, generated from that document by
 * openapi-generator). Each model's {@code validateJsonElement} rejects fields the API does not
 * define, missing required fields and non-scalar values where the API wants a scalar, recursively.
 * A kind/version the 1.33 API does not serve has no model class and is reported as such.
 */
final class KubernetesOpenApiCheck implements ObjectCheck {
    static final String SOURCE = "Kubernetes 1.33 OpenAPI (io.kubernetes:client-java-api)";
    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    /** The API groups Kubernetes 1.33 serves itself; everything else is a custom resource. */
    static final Set<String> GROUPS = Set.of("", "admissionregistration.k8s.io", "apiextensions.k8s.io",
            "apiregistration.k8s.io", "apps", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch",
            "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
            "flowcontrol.apiserver.k8s.io", "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io",
            "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io");
    /** Where the client's class name differs from version + kind because two groups share a kind. */
    private static final Map<String, String> RENAMED = Map.of("v1/Event", "CoreV1Event", "events.k8s.io/v1/Event", "EventsV1Event");

    private final Map<String, MethodHandle> validators = new ConcurrentHashMap<>();

    @Override
    public boolean covers(String group) {
        return GROUPS.contains(group);
    }

    @Override
    public List<SchemaViolation> check(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String id = Manifest.identity(object);
        String className = RENAMED.getOrDefault(apiVersion + "/" + kind, modelName(ObjectCheck.version(apiVersion), kind));
        MethodHandle validate;
        try {
            validate = validators.computeIfAbsent(className, KubernetesOpenApiCheck::lookup);
        } catch (IllegalStateException e) {
            return List.of(new SchemaViolation(id, SOURCE, "Kubernetes 1.33 serves no " + kind + " in " + apiVersion));
        }
        try {
            validate.invoke(JsonParser.parseString(object.toString()));
            return List.of();
        } catch (IllegalArgumentException | java.io.IOException | IllegalStateException e) {
            return List.of(new SchemaViolation(id, SOURCE + " " + className, clean(e.getMessage())));
        } catch (Throwable e) {
            throw new IllegalStateException("validating " + id + " against " + className + " failed: " + e, e);
        }
    }

    /** {@code v1beta1} + {@code FlowSchema} = {@code V1beta1FlowSchema}. */
    private static String modelName(String version, String kind) {
        return Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
    }

    private static MethodHandle lookup(String className) {
        try {
            Class<?> model = Class.forName(MODELS + className);
            return MethodHandles.publicLookup().findStatic(model, "validateJsonElement",
                    MethodType.methodType(void.class, JsonElement.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no model " + className, e);
        }
    }

    /** The generated messages append the whole offending JSON; the object is already named. */
    private static String clean(String message) {
        if (message == null) {
            return "invalid";
        }
        int json = message.indexOf(" JSON: ");
        String text = json < 0 ? message : message.substring(0, json);
        return text.replace('`', '\'');
    }
}
