package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes two syntheses' objects the same object: API group, kind, namespace and name. The
 * version is left out on purpose, as the API server does: moving a kind from one version of its
 * group to the next changes the object, it does not replace it.
 */
public record ObjectKey(String group, String kind, String namespace, String name) {

    public static ObjectKey of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        JsonNode meta = object.path("metadata");
        return new ObjectKey(slash < 0 ? "" : apiVersion.substring(0, slash), object.path("kind").asText(),
                meta.path("namespace").asText(""), meta.path("name").asText());
    }
}
