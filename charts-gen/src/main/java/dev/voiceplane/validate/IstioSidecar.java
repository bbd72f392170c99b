package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The containers Istio's sidecar injector adds to a pod, as istiod's injection template writes them
 * (manifests/charts/istio-control/istio-discovery/files/injection-template.yaml), so Pod Security
 * and quota rules see the pod the API server admits rather than the one in the file:
 * <ul>
 *   <li>{@code istio-proxy}: runs as 1337, non-root, read-only root, no escalation, every capability
 *       dropped, but no seccomp profile of its own: it must come from the pod's securityContext;</li>
 *   <li>{@code istio-init} (classic injection): programs iptables as root with NET_ADMIN and NET_RAW,
 *       which the restricted standard refuses; or, with the Istio CNI, {@code istio-validation}, hardened
 *       like the proxy.</li>
 * </ul>
 * Both get the proxy's resources: Istio's defaults (requests 100m CPU / 128Mi, limits 2000m / 1024Mi,
 * {@code global.proxy.resources} in istio-discovery's values.yaml) unless the pod sets
 * {@code sidecar.istio.io/proxyCPU}, {@code proxyMemory}, {@code proxyCPULimit}, {@code proxyMemoryLimit}
 * (https://istio.io/latest/docs/reference/config/annotations/).
 */
public final class IstioSidecar {
    public static final String DEFAULT_REQUEST_CPU = "100m";
    public static final String DEFAULT_REQUEST_MEMORY = "128Mi";
    public static final String DEFAULT_LIMIT_CPU = "2000m";
    public static final String DEFAULT_LIMIT_MEMORY = "1024Mi";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IstioSidecar() {
    }

    /**
     * Whether the injector adds a sidecar: the namespace says {@code istio-injection: enabled} (or names a
     * revision with {@code istio.io/rev}) or the pod says {@code sidecar.istio.io/inject: "true"}, and
     * neither opts out (https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy).
     * Pods on the host network are never injected.
     */
    public static boolean injects(Model model, PodTemplate pod) {
        if (pod.spec().path("hostNetwork").asBoolean(false)) {
            return false;
        }
        String podLabel = pod.labels().getOrDefault("sidecar.istio.io/inject", "");
        if (podLabel.equals("false")) {
            return false;
        }
        JsonNode nsLabels = model.namespaceObject(pod.namespace()).map(n -> n.at("/metadata/labels")).orElse(NODES.objectNode());
        String nsInjection = nsLabels.path("istio-injection").asText("");
        if (nsInjection.equals("disabled")) {
            return false;
        }
        return podLabel.equals("true") || nsInjection.equals("enabled") || nsLabels.has("istio.io/rev");
    }

    /** The injected containers of the pod, or none. */
    public static List<Container> containers(Model model, PodTemplate pod) {
        if (!injects(model, pod)) {
            return List.of();
        }
        ObjectNode resources = resources(pod);
        ObjectNode proxy = hardened("istio-proxy", resources);
        ObjectNode init;
        if (model.facts().istioCni()) {
            init = hardened("istio-validation", resources);
        } else {
            init = NODES.objectNode().put("name", "istio-init");
            init.set("resources", resources.deepCopy());
            ObjectNode sc = init.putObject("securityContext");
            sc.put("allowPrivilegeEscalation", false).put("privileged", false).put("readOnlyRootFilesystem", false)
                    .put("runAsGroup", 0).put("runAsNonRoot", false).put("runAsUser", 0);
            ObjectNode caps = sc.putObject("capabilities");
            caps.putArray("add").add("NET_ADMIN").add("NET_RAW");
            caps.putArray("drop").add("ALL");
        }
        String at = pod.specPath();
        return List.of(new Container(init.path("name").asText(), init, at, true, true),
                new Container("istio-proxy", proxy, at, false, true));
    }

    private static ObjectNode hardened(String name, ObjectNode resources) {
        ObjectNode c = NODES.objectNode().put("name", name);
        c.set("resources", resources.deepCopy());
        ObjectNode sc = c.putObject("securityContext");
        sc.put("allowPrivilegeEscalation", false).put("privileged", false).put("readOnlyRootFilesystem", true)
                .put("runAsGroup", 1337).put("runAsNonRoot", true).put("runAsUser", 1337);
        sc.putObject("capabilities").putArray("drop").add("ALL");
        return c;
    }

    private static ObjectNode resources(PodTemplate pod) {
        ObjectNode r = NODES.objectNode();
        r.putObject("requests")
                .put("cpu", or(pod.annotation("sidecar.istio.io/proxyCPU"), DEFAULT_REQUEST_CPU))
                .put("memory", or(pod.annotation("sidecar.istio.io/proxyMemory"), DEFAULT_REQUEST_MEMORY));
        r.putObject("limits")
                .put("cpu", or(pod.annotation("sidecar.istio.io/proxyCPULimit"), DEFAULT_LIMIT_CPU))
                .put("memory", or(pod.annotation("sidecar.istio.io/proxyMemoryLimit"), DEFAULT_LIMIT_MEMORY));
        return r;
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
