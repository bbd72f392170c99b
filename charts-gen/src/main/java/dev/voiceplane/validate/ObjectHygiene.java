package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Object-level policy that is not about containers: labels and CIDRs the API server accepts,
 * selectors that match their own template, no secret values in the output, service accounts that
 * exist and mount a token only when used, RBAC without cluster-admin or exec, CronJobs with a
 * deadline (kube-score label-values, cronjob-has-deadline, *-pod-selector-labels-match-template-metadata-labels;
 * kube-linter mismatching-selector, env-var-secret, non-existent-service-account, deprecated-service-account-field;
 * Polaris automountServiceAccountToken, sensitiveContainerEnvVar, sensitiveConfigmapContent,
 * *PodExecAttach, *ClusterAdmin*).
 */
final class ObjectHygiene {
    /** https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set */
    private static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|password|passwd|token|api_?key|private_?key|credential|access_?key|_key$).*");
    private static final Pattern SECRET_VALUE = Pattern.compile("(?s).*(-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}).*");

    static final RuleSpec LABELS = RuleSpec.of("label-values", Severity.ERROR, Layer.OBJECT_POLICY,
            "label keys and values are valid (at most 63 characters, alphanumeric with -_. inside)", "shorten or re-spell the label",
            "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set");
    static final RuleSpec CIDRS = RuleSpec.of("cidr", Severity.ERROR, Layer.OBJECT_POLICY,
            "NetworkPolicy ipBlocks and Service source ranges are valid CIDRs, each except inside its cidr", "write the block as address/prefix",
            "https://kubernetes.io/docs/reference/kubernetes-api/policy-resources/network-policy-v1/#NetworkPolicySpec");
    static final RuleSpec SELECTOR = RuleSpec.of("selector-matches-template", Severity.ERROR, Layer.OBJECT_POLICY,
            "a workload's selector matches its own pod template (the API server refuses it otherwise)", "copy the selector's labels into the template",
            "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector");
    static final RuleSpec SECRETS = RuleSpec.of("no-secret-literals", Severity.ERROR, Layer.OBJECT_POLICY,
            "no secret value is written in the objects: no Secret data, no secret-named env value or ConfigMap key",
            "reference the value from the vault (ExternalSecret) with secretKeyRef", "https://kubernetes.io/docs/concepts/security/secrets-good-practices/");
    static final RuleSpec SERVICE_ACCOUNT = RuleSpec.of("service-account", Severity.ERROR, Layer.OBJECT_POLICY,
            "pods name a ServiceAccount that exists (serviceAccountName, not the deprecated serviceAccount)",
            "create the ServiceAccount or fix serviceAccountName",
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/");
    static final RuleSpec AUTOMOUNT = RuleSpec.of("automount-token", Severity.WARNING, Layer.OBJECT_POLICY,
            "pods whose ServiceAccount has no RBAC binding do not mount an API token", "set automountServiceAccountToken: false on the pod",
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting");
    static final RuleSpec RBAC = RuleSpec.of("rbac-least-privilege", Severity.ERROR, Layer.OBJECT_POLICY,
            "no binding to cluster-admin, no role granting pods/exec or pods/attach", "grant the specific resources and verbs needed",
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/");
    static final RuleSpec CRONJOB_DEADLINE = RuleSpec.of("cronjob-deadline", Severity.WARNING, Layer.OBJECT_POLICY,
            "CronJobs set startingDeadlineSeconds (a missed run is skipped, not started hours late)", "set spec.startingDeadlineSeconds",
            "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#job-creation");

    private ObjectHygiene() {
    }

    static List<Rule> rules() {
        return List.of(
                Rules.of(LABELS, (m, f) -> {
                    for (Source s : m.sources()) {
                        checkLabels(s, "/metadata/labels", s.at("/metadata/labels"), f);
                    }
                    for (PodTemplate pod : m.declaredPods()) {
                        if (!pod.path().isEmpty()) {
                            checkLabels(pod.owner(), pod.path() + "/metadata/labels", pod.metadata().path("labels"), f);
                        }
                    }
                }),
                Rules.of(CIDRS, (m, f) -> {
                    for (Source p : m.ofKind("NetworkPolicy")) {
                        for (String dir : List.of("ingress", "egress")) {
                            int r = 0;
                            for (JsonNode rule : p.at("/spec/" + dir)) {
                                int q = 0;
                                for (JsonNode peer : rule.path(dir.equals("ingress") ? "from" : "to")) {
                                    JsonNode block = peer.path("ipBlock");
                                    if (block.isObject()) {
                                        String at = "/spec/" + dir + "/" + r + "/" + (dir.equals("ingress") ? "from" : "to") + "/" + q + "/ipBlock";
                                        checkBlock(p, at, block, f);
                                    }
                                    q++;
                                }
                                r++;
                            }
                        }
                    }
                    for (Source svc : m.ofKind("Service")) {
                        int i = 0;
                        for (JsonNode range : svc.at("/spec/loadBalancerSourceRanges")) {
                            if (Cidr.parse(range.asText()) == null) {
                                f.add(svc, "/spec/loadBalancerSourceRanges/" + i, "'" + range.asText() + "' is not a valid CIDR");
                            }
                            i++;
                        }
                    }
                }),
                Rules.of(SELECTOR, (m, f) -> {
                    for (PodTemplate pod : m.declaredPods()) {
                        JsonNode selector = pod.owner().at("/spec/selector");
                        if (Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet").contains(pod.owner().kind())
                                && (!selector.isObject() || !Selectors.selects(selector, pod.labels()))) {
                            f.add(pod.owner(), "/spec/selector", "the selector does not match the pod template's labels " + pod.labels());
                        }
                    }
                }),
                Rules.of(SECRETS, (m, f) -> {
                    for (Source s : m.ofKind("Secret")) {
                        for (String field : List.of("data", "stringData")) {
                            if (s.at("/" + field).isObject() && !s.at("/" + field).isEmpty()) {
                                f.add(s, "/" + field, "the Secret's values are written in the output");
                            }
                        }
                    }
                    for (Source s : m.ofKind("ConfigMap")) {
                        for (var it = s.at("/data").fields(); it.hasNext(); ) {
                            var e = it.next();
                            String value = e.getValue().asText("");
                            boolean plain = value.matches("(?i)true|false|yes|no|on|off|-?[0-9.]+");
                            if (!value.isBlank() && !plain && (SECRET_NAME.matcher(e.getKey()).matches() && value.length() < 200 || SECRET_VALUE.matcher(value).matches())) {
                                f.add(s, "/data/" + YamlDocuments.segment(e.getKey()), "key " + e.getKey() + " looks like a secret written in a ConfigMap");
                            }
                        }
                    }
                    Rules.perContainer(SECRETS, (mm, pod, c, ff) -> {
                        int i = 0;
                        for (JsonNode env : c.node().path("env")) {
                            String name = env.path("name").asText();
                            String value = env.path("value").asText("");
                            if (!value.isBlank() && (SECRET_NAME.matcher(name).matches() || SECRET_VALUE.matcher(value).matches())) {
                                ff.add(pod.owner(), c.field("/env/" + i + "/value"), c.describe() + " gets " + name + " as a literal value");
                            }
                            i++;
                        }
                    }).check(m, f);
                }),
                Rules.perPod(SERVICE_ACCOUNT, (m, pod, f) -> {
                    String name = pod.spec().path("serviceAccountName").asText("");
                    String deprecated = pod.spec().path("serviceAccount").asText("");
                    if (!deprecated.isEmpty() && !deprecated.equals(name)) {
                        f.add(pod.owner(), pod.specPath("/serviceAccount"), pod.describe() + " uses the deprecated serviceAccount field ('" + deprecated + "')");
                    }
                    if (!name.isEmpty() && !name.equals("default") && m.find("ServiceAccount", pod.namespace(), name).isEmpty()) {
                        f.add(pod.owner(), pod.specPath("/serviceAccountName"), pod.describe() + " runs as ServiceAccount '" + name + "', which is not among the objects");
                    }
                }),
                Rules.perPod(AUTOMOUNT, (m, pod, f) -> {
                    String name = pod.spec().path("serviceAccountName").asText("default");
                    JsonNode own = pod.spec().path("automountServiceAccountToken");
                    boolean mounts = own.isBoolean() ? own.asBoolean()
                            : m.find("ServiceAccount", pod.namespace(), name).map(sa -> sa.at("/automountServiceAccountToken").asBoolean(true)).orElse(true);
                    if (mounts && !bound(m, pod.namespace(), name)) {
                        f.add(pod.owner(), pod.specPath("/automountServiceAccountToken"), pod.describe() + " mounts an API token for ServiceAccount '"
                                + name + "', which no RoleBinding or ClusterRoleBinding grants anything");
                    }
                }),
                Rules.of(RBAC, (m, f) -> {
                    for (Source b : m.ofKind("RoleBinding", "ClusterRoleBinding")) {
                        if (b.at("/roleRef/name").asText().equals("cluster-admin")) {
                            f.add(b, "/roleRef/name", "binds cluster-admin");
                        }
                    }
                    for (Source r : m.ofKind("Role", "ClusterRole")) {
                        int i = 0;
                        for (JsonNode rule : r.at("/rules")) {
                            for (JsonNode res : rule.path("resources")) {
                                if (Set.of("pods/exec", "pods/attach", "*").contains(res.asText())) {
                                    f.add(r, "/rules/" + i, "grants " + res.asText() + " (a shell in any pod it reaches)");
                                }
                            }
                            i++;
                        }
                    }
                }),
                Rules.of(CRONJOB_DEADLINE, (m, f) -> m.ofKind("CronJob").forEach(c -> {
                    if (!c.at("/spec/startingDeadlineSeconds").isNumber()) {
                        f.add(c, "/spec/startingDeadlineSeconds", "has no startingDeadlineSeconds");
                    }
                })));
    }

    private static void checkLabels(Source s, String at, JsonNode labels, Findings f) {
        for (var it = labels.fields(); it.hasNext(); ) {
            var e = it.next();
            String problem = labelProblem(e.getKey(), e.getValue().asText(""));
            if (problem != null) {
                f.add(s, at + "/" + YamlDocuments.segment(e.getKey()), problem);
            }
        }
    }

    /** Why a label is refused, or null. */
    static String labelProblem(String key, String value) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0 && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
            return "label key '" + key + "' has an invalid prefix";
        }
        if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
            return "label key '" + key + "' is not a valid name";
        }
        if (value.length() > 63 || !LABEL_NAME.matcher(value).matches()) {
            return "label " + key + " has value '" + value + "', which is not a valid label value (at most 63 characters, "
                    + "alphanumeric at both ends, -_. inside)";
        }
        return null;
    }

    private static void checkBlock(Source p, String at, JsonNode block, Findings f) {
        Cidr cidr = Cidr.parse(block.path("cidr").asText(""));
        if (cidr == null) {
            f.add(p, at + "/cidr", "'" + block.path("cidr").asText("") + "' is not a valid CIDR");
            return;
        }
        int i = 0;
        for (JsonNode except : block.path("except")) {
            Cidr e = Cidr.parse(except.asText());
            if (e == null) {
                f.add(p, at + "/except/" + i, "'" + except.asText() + "' is not a valid CIDR");
            } else if (!cidr.strictlyContains(e)) {
                f.add(p, at + "/except/" + i, except.asText() + " is not inside " + block.path("cidr").asText());
            }
            i++;
        }
    }

    private static boolean bound(Model m, String namespace, String account) {
        for (Source b : m.ofKind("RoleBinding", "ClusterRoleBinding")) {
            for (JsonNode subject : b.at("/subjects")) {
                if (subject.path("kind").asText().equals("ServiceAccount") && subject.path("name").asText().equals(account)
                        && subject.path("namespace").asText(b.namespace()).equals(namespace)) {
                    return true;
                }
            }
        }
        return false;
    }
}
