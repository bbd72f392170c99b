package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Keeps secret values out of diffs. voiceplane never synthesizes a Secret with a value (secrets
 * come from the vault through External Secrets), but the earlier synthesis is read from files a
 * person may have edited, and a diff is printed in CI logs: every value under a Secret's
 * {@code data} and {@code stringData} is shown as a marker that says only whether it changed.
 */
final class SecretRedaction {

    static final String HIDDEN = "<redacted>";
    static final String HIDDEN_CHANGED = "<redacted, changed>";
    private static final List<String> VALUE_FIELDS = List.of("data", "stringData");

    private SecretRedaction() {
    }

    /** {@code before} and {@code after} as they may be shown; objects that are not Secrets are returned as they are. */
    static ObjectNode[] redact(ObjectNode before, ObjectNode after) {
        return new ObjectNode[] {redacted(before, null), redacted(after, before)};
    }

    /** A copy of {@code secret} with its values hidden; with {@code previous}, a changed value says so. */
    private static ObjectNode redacted(ObjectNode secret, ObjectNode previous) {
        if (secret == null || !"Secret".equals(secret.path("kind").asText())) {
            return secret;
        }
        ObjectNode copy = secret.deepCopy();
        for (String field : VALUE_FIELDS) {
            if (copy.get(field) instanceof ObjectNode values) {
                JsonNode earlier = previous == null ? null : previous.path(field);
                values.fieldNames().forEachRemaining(key -> {
                    boolean changed = earlier != null && earlier.has(key) && !earlier.get(key).equals(values.get(key));
                    values.put(key, changed ? HIDDEN_CHANGED : HIDDEN);
                });
            }
        }
        return copy;
    }
}
