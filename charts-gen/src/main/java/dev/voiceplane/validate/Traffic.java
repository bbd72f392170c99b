package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Services, Ingresses and NetworkPolicies point at pods that exist, and every pod is isolated
 * (kube-score pod-networkpolicy, networkpolicy-targets-pod, service-targets-pod, service-type,
 * ingress-targets-service, statefulset-has-servicename; kube-linter dangling-service, non-isolated-pod; Polaris missingNetworkPolicy,
 * tlsSettingsMissing). Pods an operator makes from a custom resource count (prometheus-operator's
 * Prometheus and Alertmanager: {@link OperatorPods}).
 */
final class Traffic {
    private static final String NETPOL_DOC = "https://kubernetes.io/docs/concepts/services-networking/network-policies/";

    static final RuleSpec POD_ISOLATED = RuleSpec.of("network-policy-coverage", Severity.ERROR, Layer.OBJECT_POLICY,
            "every pod is selected by NetworkPolicies for both ingress and egress", "add a NetworkPolicy (or a default-deny) selecting the pod",
            NETPOL_DOC + "#default-policies");
    static final RuleSpec POLICY_TARGETS = RuleSpec.of("network-policy-targets-pods", Severity.WARNING, Layer.OBJECT_POLICY,
            "every NetworkPolicy with a podSelector selects some pod", "fix the podSelector's labels", NETPOL_DOC);
    static final RuleSpec SERVICE_TARGETS = RuleSpec.of("service-selects-pods", Severity.ERROR, Layer.OBJECT_POLICY,
            "every Service selector matches pods, on a port they expose", "make the selector and targetPort match the pod template",
            "https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service");
    static final RuleSpec SERVICE_TYPE = RuleSpec.of("service-type", Severity.WARNING, Layer.OBJECT_POLICY,
            "no NodePort Services (they open a port on every node)", "use ClusterIP behind the ingress, or LoadBalancer",
            "https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport");
    static final RuleSpec INGRESS_TLS = RuleSpec.of("ingress-tls", Severity.ERROR, Layer.OBJECT_POLICY,
            "every Ingress host is served over TLS", "add spec.tls with the host and a certificate secret",
            "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls").decidedBy("voiceplane:tls");
    static final RuleSpec INGRESS_BACKEND = RuleSpec.of("ingress-targets-service", Severity.ERROR, Layer.OBJECT_POLICY,
            "every Ingress backend names a Service and port that exist", "point the backend at an existing Service port",
            "https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource");

    static final RuleSpec STATEFULSET_SERVICE = RuleSpec.of("statefulset-service", Severity.ERROR, Layer.OBJECT_POLICY,
            "every StatefulSet's serviceName is a headless Service selecting its pods (its pods' stable DNS names)",
            "create a Service with clusterIP: None selecting the pods and name it in spec.serviceName",
            "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id");

    private Traffic() {
    }

    static List<Rule> rules() {
        return List.of(
                Rules.of(POD_ISOLATED, (m, f) -> {
                    for (PodTemplate pod : m.pods()) {
                        boolean ingress = false;
                        boolean egress = false;
                        for (Source p : policies(m, pod)) {
                            ingress |= types(p).contains("Ingress");
                            egress |= types(p).contains("Egress");
                        }
                        if (!ingress || !egress) {
                            String missing = !ingress && !egress ? "ingress or egress" : !ingress ? "ingress" : "egress";
                            f.add(pod.owner(), pod.path(), "the pods of " + pod.describe() + (pod.operatorMade() ? " (made by its operator)" : "")
                                    + " are selected by no NetworkPolicy for " + missing);
                        }
                    }
                }),
                Rules.of(POLICY_TARGETS, (m, f) -> {
                    for (Source p : m.ofKind("NetworkPolicy")) {
                        JsonNode selector = p.at("/spec/podSelector");
                        if (selector.isEmpty() || selector.isMissingNode()) {
                            continue; // selects every pod of the namespace
                        }
                        boolean any = m.pods().stream().anyMatch(pod -> pod.namespace().equals(p.namespace()) && Selectors.selects(selector, pod.labels()));
                        if (!any) {
                            f.add(p, "/spec/podSelector", "selects no pod among the objects");
                        }
                    }
                }),
                Rules.of(SERVICE_TARGETS, (m, f) -> {
                    for (Source svc : m.ofKind("Service")) {
                        JsonNode selector = svc.at("/spec/selector");
                        if (!selector.isObject() || selector.isEmpty()) {
                            continue; // ExternalName, or endpoints managed by hand
                        }
                        List<PodTemplate> pods = m.pods().stream()
                                .filter(p -> p.namespace().equals(svc.namespace()) && Selectors.mapSelects(selector, p.labels())).toList();
                        if (pods.isEmpty()) {
                            f.add(svc, "/spec/selector", "selects no pod among the objects");
                            continue;
                        }
                        int i = 0;
                        for (JsonNode port : svc.at("/spec/ports")) {
                            JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                            boolean served = pods.stream().anyMatch(p -> p.operatorMade() || exposes(m, p, target));
                            if (!served) {
                                f.add(svc, "/spec/ports/" + i, "port " + port.path("port").asText() + " targets " + target.asText()
                                        + ", which no selected pod exposes");
                            }
                            i++;
                        }
                    }
                }),
                Rules.of(STATEFULSET_SERVICE, (m, f) -> {
                    for (PodTemplate pod : m.declaredPods()) {
                        if (!pod.owner().kind().equals("StatefulSet")) {
                            continue;
                        }
                        String name = pod.owner().at("/spec/serviceName").asText("");
                        var svc = m.find("Service", pod.namespace(), name);
                        if (svc.isEmpty() || !svc.get().at("/spec/clusterIP").asText().equals("None")
                                || !Selectors.mapSelects(svc.get().at("/spec/selector"), pod.labels())) {
                            f.add(pod.owner(), "/spec/serviceName", "serviceName '" + name + "' is " + (svc.isEmpty() ? "not a Service among the objects"
                                    : "not a headless Service selecting the StatefulSet's pods") + ": the pods get no stable DNS names");
                        }
                    }
                }),
                Rules.of(SERVICE_TYPE, (m, f) -> m.ofKind("Service").forEach(svc -> {
                    if (svc.at("/spec/type").asText().equals("NodePort")) {
                        f.add(svc, "/spec/type", "is a NodePort Service");
                    }
                })),
                Rules.of(INGRESS_TLS, (m, f) -> m.ofKind("Ingress").forEach(ing -> {
                    int i = 0;
                    for (JsonNode rule : ing.at("/spec/rules")) {
                        String host = rule.path("host").asText("");
                        if (!tlsHosts(ing).contains(host)) {
                            f.add(ing, "/spec/rules/" + i, "host '" + (host.isEmpty() ? "*" : host) + "' is served over plain HTTP");
                        }
                        i++;
                    }
                })),
                Rules.of(INGRESS_BACKEND, (m, f) -> m.ofKind("Ingress").forEach(ing -> {
                    int r = 0;
                    for (JsonNode rule : ing.at("/spec/rules")) {
                        int p = 0;
                        for (JsonNode path : rule.at("/http/paths")) {
                            JsonNode svc = path.at("/backend/service");
                            String name = svc.path("name").asText();
                            var service = m.find("Service", ing.namespace(), name);
                            String at = "/spec/rules/" + r + "/http/paths/" + p + "/backend/service";
                            if (service.isEmpty()) {
                                f.add(ing, at, "backend Service '" + name + "' is not among the objects");
                            } else if (!servicePort(service.get(), svc.path("port"))) {
                                f.add(ing, at + "/port", "Service '" + name + "' has no port " + svc.path("port"));
                            }
                            p++;
                        }
                        r++;
                    }
                })));
    }

    static List<Source> policies(Model m, PodTemplate pod) {
        return m.ofKind("NetworkPolicy").stream()
                .filter(p -> p.namespace().equals(pod.namespace()) && Selectors.selects(p.at("/spec/podSelector"), pod.labels()))
                .toList();
    }

    /** The policy's types, defaulted as the API server does: Ingress always, Egress when it has egress rules. */
    static List<String> types(Source policy) {
        JsonNode types = policy.at("/spec/policyTypes");
        if (types.isArray() && !types.isEmpty()) {
            return java.util.stream.StreamSupport.stream(types.spliterator(), false).map(JsonNode::asText).toList();
        }
        return policy.at("/spec/egress").isArray() ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static boolean exposes(Model m, PodTemplate pod, JsonNode target) {
        for (Container c : m.containers(pod)) {
            for (JsonNode port : c.node().path("ports")) {
                if (target.isIntegralNumber() ? port.path("containerPort").asInt() == target.asInt() : port.path("name").asText().equals(target.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean servicePort(Source service, JsonNode port) {
        for (JsonNode p : service.at("/spec/ports")) {
            if (port.has("number") ? p.path("port").asInt() == port.path("number").asInt() : p.path("name").asText().equals(port.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    static java.util.Set<String> tlsHosts(Source ingress) {
        java.util.Set<String> hosts = new java.util.TreeSet<>();
        for (JsonNode tls : ingress.at("/spec/tls")) {
            tls.path("hosts").forEach(h -> hosts.add(h.asText()));
        }
        return hosts;
    }
}
