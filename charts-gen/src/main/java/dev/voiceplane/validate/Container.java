package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A container of a pod as admission sees it: one written in the template, or one a mesh injects.
 *
 * @param name     the container's name
 * @param node     the container spec
 * @param path     JSON pointer of the container in the owner; for an injected container, the pod spec's
 *                 path (what the author can change is the pod, not the container)
 * @param init     an init container
 * @param injected added by the mesh at admission, not written in the object
 */
public record Container(String name, JsonNode node, String path, boolean init, boolean injected) {

    /** "container 'x'" or "container 'istio-proxy' (injected by Istio)", for messages. */
    public String describe() {
        return (init ? "init container '" : "container '") + name + "'" + (injected ? " (injected by Istio)" : "");
    }

    /** JSON pointer of one of the container's fields (for an injected one, the pod spec). */
    public String field(String relative) {
        return injected ? path : path + relative;
    }

    public JsonNode securityContext() {
        return node.path("securityContext");
    }
}
