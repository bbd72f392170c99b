package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Container-level policy beyond Pod Security: resources, probes, image tags, read-only root, and
 * ports (kube-linter unset-*-requirements, no-read-only-root-fs, latest-tag, ssh-port; Polaris
 * *RequestsMissing/*LimitsMissing, readiness/livenessProbeMissing, tagNotSpecified,
 * notReadOnlyRootFilesystem; kube-score container-resources, pod-probes, container-image-tag).
 */
final class ContainerPolicy {
    private static final String RESOURCES_DOC = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/";
    /**
     * A tag names a release when it carries at least major.minor (postgres:15.8-alpine3.20, redis:7.2.5); a tag of
     * a major line alone (15-alpine, 7-alpine) or latest moves to whatever that line publishes next. A digest pins exactly.
     */
    private static final Pattern PINNED_TAG = Pattern.compile(".*\\d+\\.\\d+.*");

    static final RuleSpec RESOURCES = RuleSpec.of("resources", Severity.ERROR, Layer.OBJECT_POLICY,
            "every container requests and limits CPU and memory", "set resources.requests and resources.limits for cpu and memory", RESOURCES_DOC)
            .decidedBy("voiceplane:podResources");
    static final RuleSpec REQUEST_ABOVE_LIMIT = RuleSpec.of("request-within-limit", Severity.ERROR, Layer.OBJECT_POLICY,
            "no request exceeds its limit (the API server refuses the pod)", "lower the request or raise the limit",
            RESOURCES_DOC + "#requests-and-limits").decidedBy("voiceplane:podResources");
    static final RuleSpec PROBES = RuleSpec.of("probes", Severity.ERROR, Layer.OBJECT_POLICY,
            "long-running containers have distinct readiness and liveness probes", "add readinessProbe and livenessProbe (different endpoints or settings)",
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/");
    static final RuleSpec IMAGE_TAG = RuleSpec.of("image-pinned", Severity.ERROR, Layer.OBJECT_POLICY,
            "images are pinned to a release (a major.minor[.patch] tag or a digest), never latest or a major line",
            "pin the image to a release tag (e.g. 15.8-alpine3.20) or a @sha256 digest", "https://kubernetes.io/docs/concepts/containers/images/#image-names");
    static final RuleSpec READ_ONLY_ROOT = RuleSpec.of("read-only-root-filesystem", Severity.WARNING, Layer.OBJECT_POLICY,
            "containers run with a read-only root filesystem", "set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it writes",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/");
    static final RuleSpec SSH_PORT = RuleSpec.of("no-ssh-port", Severity.WARNING, Layer.OBJECT_POLICY,
            "no container exposes port 22", "remove port 22; reach containers with kubectl exec", "https://docs.kubelinter.io/#/generated/checks?id=ssh-port");

    private ContainerPolicy() {
    }

    static List<Rule> rules() {
        return List.of(
                Rules.perContainer(RESOURCES, (m, pod, c, f) -> {
                    if (c.injected()) {
                        return; // the injector always sets them (Istio's defaults or the pod's annotations)
                    }
                    for (String kind : List.of("requests", "limits")) {
                        for (String resource : List.of("cpu", "memory")) {
                            if (!c.node().path("resources").path(kind).has(resource)) {
                                f.add(pod.owner(), c.field("/resources/" + kind), c.describe() + " sets no " + resource + " " + (kind.equals("requests") ? "request" : "limit"));
                            }
                        }
                    }
                }),
                Rules.perContainer(REQUEST_ABOVE_LIMIT, (m, pod, c, f) -> {
                    JsonNode r = c.node().path("resources");
                    for (var it = r.path("requests").fields(); it.hasNext(); ) {
                        var e = it.next();
                        BigDecimal request = Amounts.parse(e.getValue().asText());
                        BigDecimal limit = Amounts.parse(r.path("limits").path(e.getKey()).asText(null));
                        if (request != null && limit != null && request.compareTo(limit) > 0) {
                            f.add(pod.owner(), c.field("/resources/requests/" + YamlDocuments.segment(e.getKey())), c.describe() + " requests "
                                    + e.getValue().asText() + " " + e.getKey() + " but is limited to " + r.path("limits").path(e.getKey()).asText());
                        }
                    }
                }),
                Rules.perContainer(PROBES, (m, pod, c, f) -> {
                    if (c.init() || c.injected() || pod.runsToCompletion()) {
                        return;
                    }
                    JsonNode ready = c.node().path("readinessProbe");
                    JsonNode live = c.node().path("livenessProbe");
                    if (ready.isMissingNode()) {
                        f.add(pod.owner(), c.field("/readinessProbe"), c.describe() + " has no readiness probe: it gets traffic before it can serve");
                    }
                    if (live.isMissingNode()) {
                        f.add(pod.owner(), c.field("/livenessProbe"), c.describe() + " has no liveness probe: a hung process is never restarted");
                    }
                    if (!ready.isMissingNode() && ready.equals(live)) {
                        f.add(pod.owner(), c.field("/livenessProbe"), c.describe() + " uses the same probe for liveness and readiness: "
                                + "an overloaded pod is restarted instead of taken out of rotation");
                    }
                }),
                Rules.perContainer(IMAGE_TAG, (m, pod, c, f) -> {
                    if (c.injected()) {
                        return;
                    }
                    String image = c.node().path("image").asText("");
                    String problem = imageProblem(image);
                    if (problem != null) {
                        f.add(pod.owner(), c.field("/image"), c.describe() + " image '" + image + "' " + problem);
                    }
                }),
                Rules.perContainer(READ_ONLY_ROOT, (m, pod, c, f) -> {
                    if (!c.securityContext().path("readOnlyRootFilesystem").asBoolean(false)) {
                        f.add(pod.owner(), c.field("/securityContext/readOnlyRootFilesystem"), c.describe() + " has a writable root filesystem");
                    }
                }),
                Rules.perContainer(SSH_PORT, (m, pod, c, f) -> {
                    int i = 0;
                    for (JsonNode p : c.node().path("ports")) {
                        if (p.path("containerPort").asInt() == 22) {
                            f.add(pod.owner(), c.field("/ports/" + i), c.describe() + " exposes port 22");
                        }
                        i++;
                    }
                }));
    }

    /** Why the image reference is not pinned, or null when it is. */
    static String imageProblem(String image) {
        if (image.isEmpty()) {
            return "is empty";
        }
        if (image.contains("@sha256:")) {
            return null;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return "has no tag: it means latest";
        }
        String tag = image.substring(colon + 1);
        if (tag.equals("latest")) {
            return "uses the latest tag";
        }
        if (!PINNED_TAG.matcher(tag).matches()) {
            return "uses tag '" + tag + "', which moves with every release of that line";
        }
        return null;
    }
}
