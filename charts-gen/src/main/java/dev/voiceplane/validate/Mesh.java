package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What an Istio sidecar changes for the rest of the pod and namespace: mutual TLS is enforced only with a
 * STRICT PeerAuthentication (the default PERMISSIVE mode still accepts plaintext,
 * https://istio.io/latest/docs/concepts/security/#peer-authentication), and then every client must present a
 * mesh certificate ({@link StrictMtls}); and with classic injection an
 * init container's traffic is redirected to a proxy that is not running yet, so an init container that
 * dials a service fails (https://istio.io/latest/docs/setup/additional-setup/cni/#compatibility-with-application-init-containers)
 * unless the proxy is a native sidecar or the container runs as the proxy's UID 1337.
 */
final class Mesh {
    static final RuleSpec MTLS = RuleSpec.of("mesh-mtls-strict", Severity.ERROR, Layer.CROSS_OBJECT,
            "a namespace whose pods get Istio sidecars has a STRICT PeerAuthentication, and every client it admits on a captured port "
                    + "presents a mesh certificate (no un-meshed pods or address blocks in NetworkPolicies, scrapes on 15020, meshed ingress "
                    + "with service-upstream and upstream-vhost)",
            "add a PeerAuthentication with mtls.mode: STRICT in the namespace, and move plaintext clients into the mesh or onto port 15020",
            "https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/").decidedBy("voiceplane:istio");
    static final RuleSpec INIT = RuleSpec.of("mesh-init-container", Severity.ERROR, Layer.CROSS_OBJECT,
            "init containers that dial services do not run before a classic Istio sidecar exists",
            "use native sidecars (sidecar.istio.io/nativeSidecar: \"true\"), run the init container as UID 1337, or move the step into the app",
            "https://istio.io/latest/docs/setup/additional-setup/cni/#compatibility-with-application-init-containers").decidedBy("voiceplane:istio");

    private Mesh() {
    }

    static List<Rule> rules() {
        return List.of(
                Rules.of(MTLS, StrictMtls::check),
                Rules.perPod(INIT, (m, pod, f) -> {
                    if (!IstioSidecar.injects(m, pod) || pod.annotation("sidecar.istio.io/nativeSidecar").equals("true")) {
                        return;
                    }
                    int i = 0;
                    for (JsonNode c : pod.spec().path("initContainers")) {
                        boolean dials = false;
                        for (JsonNode e : c.path("env")) {
                            String name = e.path("name").asText();
                            dials |= name.endsWith("_HOST") || name.endsWith("_URL");
                        }
                        boolean proxyUid = c.at("/securityContext/runAsUser").asLong(-1) == 1337;
                        if (dials && !proxyUid) {
                            f.add(pod.owner(), pod.specPath("/initContainers/" + i), pod.describe() + " init container '" + c.path("name").asText()
                                    + "' dials services before the Istio sidecar runs: its connections are redirected to a proxy that is not up");
                        }
                        i++;
                    }
                }));
    }
}
