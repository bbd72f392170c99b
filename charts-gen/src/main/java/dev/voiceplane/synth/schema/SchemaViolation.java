package dev.voiceplane.synth.schema;

/**
 * One way a synthesized object breaks its published schema.
 *
 * @param object  {@code Kind/namespace/name}
 * @param schema  which schema or model said so, e.g. {@code Kubernetes 1.33 OpenAPI (V1Deployment)}
 * @param message what is wrong
 */
public record SchemaViolation(String object, String schema, String message) {
    @Override
    public String toString() {
        return object + ": " + message + " [" + schema + "]";
    }
}
