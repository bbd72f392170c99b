package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * A pod that writes a sized scratch volume requests the node disk for it: without an ephemeral-storage
 * request the scheduler places the pod on a node that may not have the space, and the kubelet evicts it
 * when the node runs short (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage).
 * An emptyDir on disk with a {@code sizeLimit} must be covered by the containers' {@code ephemeral-storage} requests.
 */
final class LocalStorage {
    static final RuleSpec SPEC = RuleSpec.of("scratch-volume-request", Severity.ERROR, Layer.OBJECT_POLICY,
            "sized emptyDir volumes are covered by the containers' ephemeral-storage requests",
            "request ephemeral-storage at least the emptyDir sizeLimit on the container that writes it",
            "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage");

    private LocalStorage() {
    }

    static Rule rule() {
        return Rules.perPod(SPEC, (m, pod, f) -> {
            BigDecimal sized = BigDecimal.ZERO;
            for (JsonNode v : pod.spec().path("volumes")) {
                JsonNode dir = v.path("emptyDir");
                if (dir.isObject() && !dir.path("medium").asText("").equals("Memory")) {
                    BigDecimal limit = Amounts.parse(dir.path("sizeLimit").asText(""));
                    sized = limit == null ? sized : sized.add(limit);
                }
            }
            if (sized.signum() == 0) {
                return;
            }
            BigDecimal requested = BigDecimal.ZERO;
            for (Container c : m.containers(pod)) {
                BigDecimal r = Amounts.parse(c.node().at("/resources/requests/ephemeral-storage").asText(""));
                requested = r == null ? requested : c.init() ? requested.max(r) : requested.add(r);
            }
            if (requested.compareTo(sized) < 0) {
                f.add(pod.owner(), pod.specPath("/containers/0/resources/requests"), pod.describe() + " sizes its emptyDir volumes to "
                        + Amounts.show(sized, false) + " but requests " + Amounts.show(requested, false) + " of ephemeral storage");
            }
        });
    }
}
