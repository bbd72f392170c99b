package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.IngressControllerSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mesh-mtls-strict} rule: a namespace whose pods get Istio sidecars enforces STRICT mutual TLS,
 * and nothing the objects let in depends on plain text reaching those sidecars.
 *
 * <p>Under STRICT a sidecar refuses every connection on a port it captures that does not present a mesh
 * certificate (https://istio.io/latest/docs/concepts/security/#peer-authentication). So the rule follows each
 * way in to a STRICT pod and names the clients that cannot present one:
 * <ul>
 *   <li>NetworkPolicy ingress from pods without a sidecar, from namespaces not known to be meshed
 *       ({@link ClusterFacts#meshedNamespaces()}), from address blocks or from anywhere;</li>
 *   <li>ServiceMonitors and PodMonitors scraping an application port (Prometheus has no sidecar): STRICT
 *       workloads are scraped on the agent's status port 15020 ({@code /stats/prometheus}, Istio's metrics
 *       merging, https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging), which only
 *       carries the application's metrics when the pod names them with {@code prometheus.io/port};</li>
 *   <li>Ingresses whose controller runs outside the mesh, or that send ingress-nginx to pod addresses or under
 *       another host name than the Service's, both of which its sidecar passes on in plain text
 *       ({@code service-upstream}, {@code upstream-vhost}:
 *       https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#service-upstream);</li>
 *   <li>kubelet probes of pods that turn Istio's probe rewriting off.</li>
 * </ul>
 * Ports the sidecar never captures are open to anyone: 15090, 15021 and the status port 15020 (the injection
 * template's {@code -d} list), those a pod excludes with {@code traffic.sidecar.istio.io/excludeInboundPorts} and
 * those outside its {@code includeInboundPorts}.
 */
final class StrictMtls {
    static final Set<Integer> UNCAPTURED = Set.of(15020, 15021, 15090);
    static final int MERGED_METRICS_PORT = 15020;
    static final String SERVICE_UPSTREAM = "nginx.ingress.kubernetes.io/service-upstream";
    static final String UPSTREAM_VHOST = "nginx.ingress.kubernetes.io/upstream-vhost";
    private static final Pattern ADDRESS_PORT = Pattern.compile(".*:(\\d+)$");
    private static final String PROBE_REWRITE = "sidecar.istio.io/rewriteAppHTTPProbers";

    private StrictMtls() {
    }

    static void check(Model m, Findings f) {
        namespaces(m, f);
        List<PodTemplate> strict = m.pods().stream().filter(p -> IstioSidecar.injects(m, p) && mode(m, p).equals("STRICT")).toList();
        if (strict.isEmpty()) {
            return;
        }
        policies(m, strict, f);
        monitors(m, strict, f);
        ingresses(m, strict, f);
        probes(m, strict, f);
    }

    /** Meshed namespaces without a namespace-wide STRICT policy, and workload or port policies that loosen it. */
    private static void namespaces(Model m, Findings f) {
        Set<String> meshed = new TreeSet<>();
        m.pods().stream().filter(p -> IstioSidecar.injects(m, p)).forEach(p -> meshed.add(p.namespace()));
        for (String ns : meshed) {
            boolean strict = m.ofKind("PeerAuthentication").stream().anyMatch(p -> p.namespace().equals(ns)
                    && p.at("/spec/selector").isMissingNode() && p.at("/spec/mtls/mode").asText().equals("STRICT"));
            if (!strict) {
                Source where = m.namespaceObject(ns).orElseGet(() -> m.pods().stream().filter(p -> p.namespace().equals(ns)).findFirst().orElseThrow().owner());
                f.add(where, "", "pods in namespace " + ns + " get Istio sidecars but no namespace-wide STRICT PeerAuthentication: "
                        + "sidecars still accept plaintext");
            }
            for (Source pa : m.ofKind("PeerAuthentication")) {
                if (!pa.namespace().equals(ns)) {
                    continue;
                }
                String mode = pa.at("/spec/mtls/mode").asText("UNSET");
                if (!pa.at("/spec/selector").isMissingNode() && (mode.equals("PERMISSIVE") || mode.equals("DISABLE"))) {
                    f.add(pa, "/spec/mtls/mode", "sets " + mode + " for the pods it selects in a meshed namespace: they accept plaintext");
                }
                pa.at("/spec/portLevelMtls").fields().forEachRemaining(e -> {
                    String portMode = e.getValue().path("mode").asText("UNSET");
                    if (portMode.equals("PERMISSIVE") || portMode.equals("DISABLE")) {
                        f.add(pa, "/spec/portLevelMtls/" + e.getKey(), "sets " + portMode + " on port " + e.getKey() + ": it accepts plaintext");
                    }
                });
            }
        }
    }

    /** The mode a pod's sidecar enforces: a matching workload policy, else the namespace-wide one, else Istio's PERMISSIVE. */
    static String mode(Model m, PodTemplate pod) {
        String mode = "PERMISSIVE";
        for (Source pa : m.ofKind("PeerAuthentication")) {
            if (pa.namespace().equals(pod.namespace()) && pa.at("/spec/selector").isMissingNode()) {
                mode = pa.at("/spec/mtls/mode").asText("UNSET").equals("UNSET") ? mode : pa.at("/spec/mtls/mode").asText();
            }
        }
        for (Source pa : m.ofKind("PeerAuthentication")) {
            if (pa.namespace().equals(pod.namespace()) && !pa.at("/spec/selector").isMissingNode()
                    && Selectors.selects(pa.at("/spec/selector"), pod.labels()) && !pa.at("/spec/mtls/mode").asText("UNSET").equals("UNSET")) {
                mode = pa.at("/spec/mtls/mode").asText();
            }
        }
        return mode;
    }

    /** Whether the pod's sidecar captures inbound connections to {@code port}. */
    static boolean captured(PodTemplate pod, int port) {
        if (UNCAPTURED.contains(port) || listed(pod.annotation("traffic.sidecar.istio.io/excludeInboundPorts"), port)) {
            return false;
        }
        String include = pod.annotation("traffic.sidecar.istio.io/includeInboundPorts");
        boolean declared = pod.metadata().path("annotations").has("traffic.sidecar.istio.io/includeInboundPorts");
        return !declared || include.trim().equals("*") || listed(include, port);
    }

    private static boolean listed(String ports, int port) {
        for (String p : ports.split(",")) {
            if (p.trim().equals(Integer.toString(port))) {
                return true;
            }
        }
        return false;
    }

    private static void policies(Model m, List<PodTemplate> strict, Findings f) {
        for (Source np : m.ofKind("NetworkPolicy")) {
            List<PodTemplate> targets = strict.stream().filter(p -> p.namespace().equals(np.namespace())
                    && Selectors.selects(np.at("/spec/podSelector"), p.labels())).toList();
            if (targets.isEmpty() || !Traffic.types(np).contains("Ingress")) {
                continue;
            }
            int r = 0;
            for (JsonNode rule : np.at("/spec/ingress")) {
                String at = "/spec/ingress/" + r++;
                Set<String> reached = new TreeSet<>();
                for (PodTemplate pod : targets) {
                    capturedPorts(m, pod, rule.path("ports")).ifPresent(ports -> reached.add(pod.describe() + " on " + ports));
                }
                if (reached.isEmpty()) {
                    continue;
                }
                if (!rule.path("from").isArray() || rule.path("from").isEmpty()) {
                    f.add(np, at, "admits every source to " + String.join(", ", reached) + ", which accept only mesh mTLS (STRICT)");
                    continue;
                }
                int j = 0;
                for (JsonNode peer : rule.path("from")) {
                    int index = j++;
                    unmeshed(m, np.namespace(), peer).ifPresent(who -> f.add(np, at + "/from/" + index, "admits " + who + " to "
                            + String.join(", ", reached) + ", which accept only mesh mTLS (STRICT): those clients present no mesh "
                            + "certificate and are refused"));
                }
            }
        }
    }

    /** The captured ports among a rule's ports for one pod ("port 8080"), empty when the rule reaches none. */
    private static Optional<String> capturedPorts(Model m, PodTemplate pod, JsonNode ports) {
        if (!ports.isArray() || ports.isEmpty()) {
            return Optional.of("every port");
        }
        Set<String> hit = new LinkedHashSet<>();
        for (JsonNode p : ports) {
            JsonNode port = p.path("port");
            Optional<Integer> number = containerPort(m, pod, port);
            if (port.isMissingNode() || number.isEmpty() || captured(pod, number.get())) {
                hit.add(port.isMissingNode() ? "every port" : port.asText());
            }
        }
        return hit.isEmpty() ? Optional.empty() : Optional.of("port " + String.join(", ", hit));
    }

    /** A port given by number or by a container port's name. */
    static Optional<Integer> containerPort(Model m, PodTemplate pod, JsonNode port) {
        if (port.isIntegralNumber() || port.asText().matches("\\d+")) {
            return Optional.of(port.asInt());
        }
        for (Container c : m.containers(pod)) {
            for (JsonNode p : c.node().path("ports")) {
                if (p.path("name").asText().equals(port.asText())) {
                    return Optional.of(p.path("containerPort").asInt());
                }
            }
        }
        return Optional.empty();
    }

    /** Who a NetworkPolicy peer admits that has no sidecar, if anyone. */
    private static Optional<String> unmeshed(Model m, String namespace, JsonNode peer) {
        if (peer.has("ipBlock")) {
            return Optional.of("addresses in " + peer.at("/ipBlock/cidr").asText());
        }
        String ns = namespace;
        if (peer.has("namespaceSelector")) {
            ns = peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText("");
            if (ns.isEmpty()) {
                return Optional.of("pods of every namespace its namespaceSelector matches");
            }
            if (!m.createdNamespaces().contains(ns)) {
                return m.facts().meshedNamespaces().contains(ns) ? Optional.empty()
                        : Optional.of("pods of namespace " + ns + ", which runs outside the mesh");
            }
        }
        String peerNs = ns;
        JsonNode selector = peer.has("podSelector") ? peer.path("podSelector") : null;
        List<String> plain = m.pods().stream().filter(p -> p.namespace().equals(peerNs) && Selectors.selects(selector, p.labels())
                && !IstioSidecar.injects(m, p)).map(PodTemplate::describe).distinct().toList();
        return plain.isEmpty() ? Optional.empty() : Optional.of("pods without an Istio sidecar (" + String.join(", ", plain) + ")");
    }

    private static void monitors(Model m, List<PodTemplate> strict, Findings f) {
        for (Source mon : m.ofKind("ServiceMonitor", "PodMonitor")) {
            boolean pods = mon.kind().equals("PodMonitor");
            String list = pods ? "podMetricsEndpoints" : "endpoints";
            int i = 0;
            for (JsonNode endpoint : mon.at("/spec/" + list)) {
                String at = "/spec/" + list + "/" + i++;
                Set<String> problems = new TreeSet<>();
                for (Target t : targets(m, mon, strict)) {
                    Optional<Integer> port = scrapePort(m, t, endpoint, pods);
                    if (port.isEmpty()) {
                        continue;
                    }
                    if (captured(t.pod(), port.get())) {
                        problems.add(t.pod().describe() + " on port " + port.get() + ", which its sidecar accepts only over mesh mTLS (STRICT): "
                                + "Prometheus has no mesh certificate");
                    } else if (port.get() == MERGED_METRICS_PORT && !mergesApplicationMetrics(t.pod())) {
                        problems.add(t.pod().describe() + " on " + MERGED_METRICS_PORT + ", where its agent serves only Envoy's metrics: the pod "
                                + "names no prometheus.io/port for the agent to merge");
                    }
                }
                problems.forEach(p -> f.add(mon, at, "scrapes " + p, "scrape the sidecar's merged metrics: path /stats/prometheus with "
                        + "__address__ relabelled to the pod IP and port 15020, and prometheus.io/port, path and scrape on the pod"));
            }
        }
    }

    /** A STRICT pod a monitor reaches, and the Service it reaches it through (absent for a PodMonitor). */
    private record Target(PodTemplate pod, Optional<Source> service) {
    }

    private static List<Target> targets(Model m, Source mon, List<PodTemplate> strict) {
        JsonNode nsSelector = mon.at("/spec/namespaceSelector");
        Set<String> names = new TreeSet<>();
        nsSelector.path("matchNames").forEach(n -> names.add(n.asText()));
        boolean any = nsSelector.path("any").asBoolean(false);
        java.util.function.Predicate<String> inScope = ns -> any || (names.isEmpty() ? ns.equals(mon.namespace()) : names.contains(ns));
        JsonNode selector = mon.at("/spec/selector");
        List<Target> out = new ArrayList<>();
        if (mon.kind().equals("PodMonitor")) {
            strict.stream().filter(p -> inScope.test(p.namespace()) && Selectors.selects(selector, p.labels()))
                    .forEach(p -> out.add(new Target(p, Optional.empty())));
            return out;
        }
        for (Source svc : m.ofKind("Service")) {
            if (!inScope.test(svc.namespace()) || !Selectors.selects(selector, PodTemplate.labels(svc.at("/metadata/labels")))) {
                continue;
            }
            strict.stream().filter(p -> p.namespace().equals(svc.namespace()) && Selectors.mapSelects(svc.at("/spec/selector"), p.labels()))
                    .forEach(p -> out.add(new Target(p, Optional.of(svc))));
        }
        return out;
    }

    /** The pod port a scrape lands on: an {@code __address__} relabelling wins over the endpoint's port. */
    private static Optional<Integer> scrapePort(Model m, Target t, JsonNode endpoint, boolean podMonitor) {
        for (JsonNode r : endpoint.path("relabelings")) {
            if (!r.path("targetLabel").asText().equals("__address__")) {
                continue;
            }
            for (JsonNode source : r.path("sourceLabels")) {
                // Istio's own example: the port of the pod's prometheus.io/port, which the injector rewrites to 15020.
                if (source.asText().equals("__meta_kubernetes_pod_annotation_prometheus_io_port")) {
                    return Optional.of(mergeEnabled(t.pod()) ? MERGED_METRICS_PORT : containerPort(m, t.pod(),
                            t.pod().metadata().at("/annotations/prometheus.io~1port")).orElse(0));
                }
            }
            Matcher port = ADDRESS_PORT.matcher(r.path("replacement").asText());
            if (port.matches()) {
                return Optional.of(Integer.parseInt(port.group(1)));
            }
        }
        if (podMonitor) {
            if (endpoint.has("portNumber")) {
                return Optional.of(endpoint.path("portNumber").asInt());
            }
            return containerPort(m, t.pod(), endpoint.has("port") ? endpoint.path("port") : endpoint.path("targetPort"));
        }
        if (endpoint.has("targetPort")) {
            return containerPort(m, t.pod(), endpoint.path("targetPort"));
        }
        for (JsonNode p : t.service().orElseThrow().at("/spec/ports")) {
            if (p.path("name").asText().equals(endpoint.path("port").asText())) {
                return containerPort(m, t.pod(), p.has("targetPort") ? p.path("targetPort") : p.path("port"));
            }
        }
        return Optional.empty();
    }

    /** Istio's injector rewrites the pod's prometheus.io annotations to its agent unless told not to. */
    private static boolean mergeEnabled(PodTemplate pod) {
        return !pod.annotation("prometheus.istio.io/merge-metrics").equals("false") && !pod.annotation("prometheus.io/scrape").equals("false");
    }

    private static boolean mergesApplicationMetrics(PodTemplate pod) {
        return mergeEnabled(pod) && !pod.annotation("prometheus.io/port").isEmpty();
    }

    private static void ingresses(Model m, List<PodTemplate> strict, Findings f) {
        for (Source ing : m.ofKind("Ingress")) {
            String cls = ing.at("/spec/ingressClassName").asText("nginx");
            if (!cls.equals("nginx")) {
                continue;
            }
            Set<String> backends = new TreeSet<>();
            for (JsonNode rule : ing.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    backends.add(path.at("/backend/service/name").asText());
                }
            }
            List<String> meshed = backends.stream().filter(name -> m.find("Service", ing.namespace(), name).map(svc -> strict.stream()
                    .anyMatch(p -> p.namespace().equals(ing.namespace()) && Selectors.mapSelects(svc.at("/spec/selector"), p.labels())))
                    .orElse(false)).toList();
            if (meshed.isEmpty()) {
                continue;
            }
            String controller = IngressControllerSettings.NAMESPACE;
            if (!m.facts().meshedNamespaces().contains(controller)) {
                f.add(ing, "/spec/ingressClassName", "routes to " + meshed + ", whose pods accept only mesh mTLS (STRICT), through the "
                        + "ingress controller in " + controller + ", which runs outside the mesh", "inject an Istio sidecar into the ingress "
                        + "controller (pod label sidecar.istio.io/inject: \"true\", traffic.sidecar.istio.io/includeInboundPorts: \"\")");
                continue;
            }
            if (!ing.annotation(SERVICE_UPSTREAM).equals("true")) {
                f.add(ing, "/metadata/annotations", "routes to " + meshed + " (STRICT mTLS) at pod addresses: ingress-nginx's sidecar passes "
                        + "those on in plain text", "set " + SERVICE_UPSTREAM + ": \"true\" and " + UPSTREAM_VHOST + " to the Service's host name");
            } else if (backends.size() > 1) {
                f.add(ing, "/spec/rules", "routes to several Services " + backends + " but " + UPSTREAM_VHOST + " names one host: "
                        + "the others are sent under the wrong name", "write one Ingress per Service");
            } else {
                String svc = meshed.get(0);
                String vhost = ing.annotation(UPSTREAM_VHOST);
                String fqdn = Names.serviceHost(svc, ing.namespace());
                if (!Set.of(svc + "." + ing.namespace(), svc + "." + ing.namespace() + ".svc", fqdn).contains(vhost)) {
                    f.add(ing, "/metadata/annotations", "sends " + svc + " (STRICT mTLS) the host name '" + vhost + "', which ingress-nginx's "
                            + "sidecar does not know as a Service: it passes the request on in plain text", "set " + UPSTREAM_VHOST + ": " + fqdn);
                }
            }
        }
    }

    private static void probes(Model m, List<PodTemplate> strict, Findings f) {
        for (PodTemplate pod : strict) {
            if (!pod.annotation(PROBE_REWRITE).equals("false") || pod.operatorMade()) {
                continue;
            }
            int i = 0;
            for (JsonNode c : pod.spec().path("containers")) {
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    JsonNode action = c.path(probe).has("httpGet") ? c.path(probe).path("httpGet") : c.path(probe).path("tcpSocket");
                    Optional<Integer> port = action.isMissingNode() ? Optional.empty() : containerPort(m, pod, action.path("port"));
                    if (port.isPresent() && captured(pod, port.get())) {
                        f.add(pod.owner(), pod.specPath("/containers/" + i + "/" + probe), pod.describe() + " turns Istio's probe rewriting off, "
                                + "so the kubelet's " + probe + " on port " + port.get() + " meets STRICT mTLS without a certificate",
                                "remove " + PROBE_REWRITE + ": \"false\"");
                    }
                }
                i++;
            }
        }
    }
}
