package dev.voiceplane.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: what a synthesized Ingress routes and how ingress-nginx is told to handle it. */
public final class Ingresses {
    private static final String NGINX = "nginx.ingress.kubernetes.io/";

    private Ingresses() {
    }

    /** The ingress-nginx annotation {@code key} (without its prefix), or null when absent. */
    public static String annotation(ObjectNode ingress, String key) {
        return ingress.at("/metadata/annotations").path(NGINX + key).asText(null);
    }

    /** Every route of the Ingress as {@code host/path -> service}, in rule order. */
    public static List<String> paths(ObjectNode ingress) {
        List<String> out = new ArrayList<>();
        for (JsonNode rule : ingress.at("/spec/rules")) {
            for (JsonNode p : rule.at("/http/paths")) {
                out.add(rule.path("host").asText() + p.path("path").asText() + " -> " + p.at("/backend/service/name").asText());
            }
        }
        return out;
    }
}
