package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.stack.StackConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one synthesized object into its template: every field a value governs is replaced by a
 * {@link Tokens token} for the expression that reads the value. The rules key on what a field is
 * (a namespace reference, a storage class, an ipBlock, a pod template's scheduling), never on which
 * object it is in, so objects the constructs add or change are bound the same way.
 */
final class ChartBindings {
    private static final String NONE = "`{}`";
    /** The value that switches the mesh: sidecar injection, Istio's own objects, and how the mesh is reached ({@link MeshScrape}, {@link MeshIngress}). */
    static final String MESH_ENABLED = ".Values.mesh.enabled";
    private static final List<String> POD_FIELDS = List.of("nodeSelector", "tolerations", "affinity");

    private final StackConfig stack;
    private final ChartObjects objects;
    private final String chart;
    private final Tokens tokens;
    private final String ns;
    private final Pattern nsInText;

    ChartBindings(StackConfig stack, ChartObjects objects, Tokens tokens) {
        this.stack = stack;
        this.objects = objects;
        this.chart = stack.system().id();
        this.tokens = tokens;
        this.ns = objects.namespace();
        // Service DNS names (svc.<ns>.svc), PromQL matchers (namespace="<ns>", also inside JSON strings).
        this.nsInText = Pattern.compile("(\\.)" + Pattern.quote(ns) + "(\\.svc\\b)|(namespace=~?\\\\?\")" + Pattern.quote(ns) + "(\\\\?\")");
    }

    /** The condition the object renders under, or empty for always; binds the object in place. */
    Optional<String> bind(ObjectNode o) {
        String kind = o.path("kind").asText();
        String name = o.at("/metadata/name").asText();
        Optional<String> condition = Optional.empty();
        boolean outside = objects.outside(o); // before the namespace becomes a token
        namespaces(o, null);
        if (kind.equals("Namespace")) {
            namespaceObject(o);
            return Optional.of(".Values.namespace.create");
        }
        labels(o);
        if (outside) {
            ((ObjectNode) o.path("metadata")).put("name", tokens.value("{{ include \"" + chart + ".clusterName\" (list $ \"" + name + "\") }}"));
            if (o.path("roleRef").isObject()) {
                String role = o.at("/roleRef/name").asText();
                ((ObjectNode) o.path("roleRef")).put("name", tokens.value("{{ include \"" + chart + ".clusterName\" (list $ \"" + role + "\") }}"));
            }
            condition = Optional.of(".Values.clusterScoped.create");
        }
        strings(o, "storageClassName", v -> "{{ index .Values.storageClasses \"" + v + "\" | quote }}");
        switch (kind) {
            case "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob" -> workload(o, name);
            case "HorizontalPodAutoscaler" -> service(o.at("/spec/scaleTargetRef/name").asText()).ifPresent(v -> {
                token(o.at("/spec"), "minReplicas", "{{ " + v + ".minReplicas }}");
                token(o.at("/spec"), "maxReplicas", "{{ " + v + ".maxReplicas }}");
                JsonNode cpu = DefaultValues.resourceTarget(o, "cpu");
                JsonNode memory = DefaultValues.resourceTarget(o, "memory");
                if (cpu != null) {
                    token(cpu, "averageUtilization", "{{ " + v + ".targetCPUUtilizationPercentage }}");
                }
                if (memory != null) {
                    token(memory, "averageUtilization", "{{ " + v + ".targetMemoryUtilizationPercentage }}");
                }
            });
            case "VerticalPodAutoscaler" -> autoscalerBounds(o);
            case "Ingress" -> {
                new MeshIngress(tokens, objects).bind(o);
                ingress(o);
            }
            // Istio's own objects (STRICT PeerAuthentication, the cookie-affinity DestinationRule) exist only for a
            // meshed release: with mesh.enabled=false a cluster without Istio has no such kinds and refuses the install.
            case "PeerAuthentication", "DestinationRule" -> condition = Optional.of(MESH_ENABLED);
            case "Certificate" -> {
                if (o.at("/spec/dnsNames").isArray()) {
                    hosts((ArrayNode) o.at("/spec/dnsNames"));
                }
                token(o.at("/spec/issuerRef"), "name", "{{ .Values.ingress.clusterIssuer | quote }}");
                condition = Optional.of(".Values.ingress.tls");
            }
            case "NetworkPolicy" -> {
                if (onlyToIstiod(o)) {
                    // The sidecars' path to istiod: without the mesh there are no sidecars and it would open a port for nothing.
                    condition = Optional.of(MESH_ENABLED);
                }
                meshScrape().networkPolicy(o);
                networkPolicy(o);
            }
            case "ServiceMonitor" -> meshScrape().serviceMonitor(o);
            case "ServiceAccount" -> {
                ObjectNode meta = (ObjectNode) o.path("metadata");
                meta.remove("annotations");
                meta.put(tokens.line(indent -> field("annotations", "(index .Values.serviceAccounts \"" + name + "\").annotations", NONE, indent)), "");
            }
            case "ConfigMap" -> {
                if (o.path("data").isObject()) {
                    ObjectNode data = (ObjectNode) o.path("data");
                    List<String> keys = new ArrayList<>();
                    data.fieldNames().forEachRemaining(keys::add);
                    keys.stream().filter(k -> k.startsWith("FEATURE_"))
                            .forEach(k -> token(data, k, "{{ index .Values.features \"" + k + "\" | quote }}"));
                }
            }
            case "ResourceQuota" -> {
                for (String bound : List.of("requests", "limits")) {
                    for (String r : List.of("cpu", "memory")) {
                        if (o.at("/spec/hard").has(bound + "." + r)) {
                            token(o.at("/spec/hard"), bound + "." + r, "{{ .Values.namespace.quota." + bound + "." + r + " | quote }}");
                        }
                    }
                }
            }
            case "LimitRange" -> {
                JsonNode item = o.at("/spec/limits/0");
                quantities(item.path("default"), ".Values.namespace.limitRange.defaults");
                quantities(item.path("defaultRequest"), ".Values.namespace.limitRange.defaultRequests");
            }
            case "Prometheus" -> prometheus(o);
            default -> {
            }
        }
        return condition;
    }

    private void namespaceObject(ObjectNode o) {
        ObjectNode meta = (ObjectNode) o.path("metadata");
        meta.put("name", tokens.value(namespace()));
        ObjectNode labels = meta.putObject("labels");
        labels.put("kubernetes.io/metadata.name", tokens.value(namespace()));
        labels.put(tokens.line(indent -> "{{- include \"" + chart + ".labels\" . | nindent " + indent + " }}"), "");
        labels.put(tokens.line(indent -> "{{- with .Values.namespace.labels }}{{ toYaml . | nindent " + indent + " }}{{ end }}"), "");
    }

    /** Helm's standard labels on the object itself (not on pod templates or selectors, which must not change). */
    private void labels(ObjectNode o) {
        ObjectNode meta = (ObjectNode) o.path("metadata");
        ObjectNode labels = meta.has("labels") ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
        labels.remove("app.kubernetes.io/managed-by");
        labels.put(tokens.line(indent -> "{{- include \"" + chart + ".labels\" . | nindent " + indent + " }}"), "");
    }

    /** Every reference to the stack's namespace becomes the release's. */
    private void namespaces(JsonNode node, String key) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    String text = v.asText();
                    boolean isNamespace = text.equals(ns) && List.of("namespace", "kubernetes.io/metadata.name", "regex").contains(e.getKey());
                    boolean isIngressRef = e.getKey().startsWith("nginx.ingress.kubernetes.io/") && text.startsWith(ns + "/");
                    if (isNamespace) {
                        e.setValue(TextNode.valueOf(tokens.value(namespace())));
                    } else if (isIngressRef) {
                        e.setValue(TextNode.valueOf(tokens.value(namespace()) + text.substring(ns.length())));
                    } else {
                        e.setValue(TextNode.valueOf(inText(text)));
                    }
                } else {
                    namespaces(v, e.getKey());
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode v = array.get(i);
                if (v.isTextual()) {
                    array.set(i, TextNode.valueOf("matchNames".equals(key) && v.asText().equals(ns) ? tokens.value(namespace()) : inText(v.asText())));
                } else {
                    namespaces(v, key);
                }
            }
        }
    }

    private String inText(String text) {
        Matcher m = nsInText.matcher(text);
        if (!m.find()) {
            return text;
        }
        String token = tokens.value(namespace());
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) != null ? r.group(1) + token + r.group(2) : r.group(3) + token + r.group(4)));
    }

    private String namespace() {
        return "{{ include \"" + chart + ".namespace\" . }}";
    }

    private void workload(ObjectNode o, String name) {
        ObjectNode pod = (ObjectNode) ChartObjects.podTemplate(o);
        Optional<String> service = service(name);
        Optional<String> values = service.or(() -> workloadValues(name));
        if (service.isPresent() && o.at("/spec").has("replicas")) {
            token(o.at("/spec"), "replicas", "{{ " + service.get() + ".replicas }}");
        }
        JsonNode main = ChartObjects.mainContainer(o);
        Optional<ServiceSpec> spec = ServiceCatalog.find(name).filter(s -> s.system() == stack.system());
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : pod.at("/spec/" + list)) {
                boolean serviceImage = spec.isPresent() && c.path("image").asText().equals(stack.images().reference(spec.get().image()));
                if (serviceImage) {
                    token(c, "image", "{{ include \"" + chart + ".image\" (list .Values.images \"" + spec.get().image() + "\") | quote }}");
                }
                // The main container, and the service's own init containers (migrate): a pod's effective
                // request is the larger of its init containers' and the sum of its containers'.
                if (values.isPresent() && (c == main || (serviceImage && list.equals("initContainers")))) {
                    resources(c, values.get() + ".resources");
                }
            }
        }
        podTemplate(pod);
    }

    private void podTemplate(ObjectNode pod) {
        ObjectNode meta = (ObjectNode) pod.path("metadata");
        ObjectNode podLabels = (ObjectNode) meta.path("labels");
        boolean injected = "true".equals(podLabels.path(DefaultValues.MESH_INJECT).asText());
        if (injected) {
            podLabels.put(DefaultValues.MESH_INJECT, tokens.value("{{ " + MESH_ENABLED + " | toString | quote }}"));
        }
        String annotations = Tokens.raw(meta.path("annotations").isObject() ? meta.path("annotations") : meta.objectNode());
        String synthesized = original(meta.get("annotations"));
        meta.remove("annotations");
        meta.put(tokens.line(indent -> field("annotations",
                "(include \"" + chart + ".podAnnotations\" (list $ " + annotations + " " + injected + ") | fromJson)", synthesized, indent)), "");
        ObjectNode spec = (ObjectNode) pod.path("spec");
        for (String f : POD_FIELDS) {
            String original = original(spec.get(f));
            spec.remove(f);
            spec.put(tokens.line(indent -> field(f, ".Values.pods." + f, original, indent)), "");
        }
        String secrets = original(spec.get("imagePullSecrets"));
        spec.remove("imagePullSecrets");
        spec.put(tokens.line(indent -> field("imagePullSecrets", ".Values.images.pullSecrets", secrets, indent)), "");
    }

    /** The synthesized value of a field, as the {@code original} of {@link #field}: JSON {@code {"v": value}}. */
    private static String original(JsonNode value) {
        ObjectNode wrapped = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (value != null) {
            wrapped.set("v", value);
        }
        return Tokens.raw(wrapped);
    }

    /** Template text rendering {@code key: value} when the value (or else the original JSON) is not empty. */
    private String field(String key, String value, String original, int indent) {
        return "{{- include \"" + chart + ".field\" (dict \"key\" \"" + key + "\" \"value\" " + value
                + " \"original\" " + original + " \"indent\" " + indent + ") }}";
    }

    private void autoscalerBounds(ObjectNode vpa) {
        String target = vpa.at("/spec/targetRef/name").asText();
        Optional<String> values = service(target).or(() -> workloadValues(target));
        JsonNode workload = objects.workload(target);
        if (values.isEmpty() || workload == null) {
            return;
        }
        JsonNode main = ChartObjects.mainContainer(workload);
        for (JsonNode policy : vpa.at("/spec/resourcePolicy/containerPolicies")) {
            // Each bound follows the value it was derived from: maxAllowed the limits, minAllowed the requests when equal.
            for (String r : List.of("cpu", "memory")) {
                follow(policy.path("maxAllowed"), r, main.at("/resources/limits/" + r).asText(), values.get() + ".resources.limits." + r);
                follow(policy.path("minAllowed"), r, main.at("/resources/requests/" + r).asText(), values.get() + ".resources.requests." + r);
            }
        }
    }

    /**
     * Binds a bound to the value it was derived from when they are the same quantity; a different
     * spelling of it (2Gi for 2048Mi) is kept while the value is the default, so the defaults render as synth.
     */
    private void follow(JsonNode holder, String field, String derivedFrom, String value) {
        String bound = holder.path(field).asText(null);
        if (bound == null || !Quantity.same(bound, derivedFrom)) {
            return;
        }
        token(holder, field, bound.equals(derivedFrom) ? "{{ " + value + " | quote }}"
                : "{{ if eq (toString " + value + ") \"" + derivedFrom + "\" }}\"" + bound + "\"{{ else }}{{ " + value + " | quote }}{{ end }}");
    }

    private void ingress(ObjectNode o) {
        token(o.at("/spec"), "ingressClassName", "{{ .Values.ingress.className | quote }}");
        JsonNode annotations = o.at("/metadata/annotations");
        if (annotations.has(DefaultValues.ISSUER_ANNOTATION)) {
            token(annotations, DefaultValues.ISSUER_ANNOTATION, "{{ .Values.ingress.clusterIssuer | quote }}");
        }
        for (JsonNode rule : o.at("/spec/rules")) {
            hostKey(rule.path("host").asText()).ifPresent(k -> token(rule, "host", "{{ .Values.ingress." + k + " | quote }}"));
        }
        for (JsonNode tls : o.at("/spec/tls")) {
            hosts((ArrayNode) tls.path("hosts"));
        }
        if (o.at("/spec/tls").size() > 0) {
            ((ObjectNode) o.path("spec")).put("tls", tokens.value("{{ if .Values.ingress.tls }}" + tokens.json(o.at("/spec/tls")) + "{{ else }}[]{{ end }}"));
        }
    }

    private void prometheus(ObjectNode o) {
        JsonNode spec = o.path("spec");
        String p = ".Values.monitoring.prometheus";
        if (spec.has("replicas")) {
            token(spec, "replicas", "{{ " + p + ".replicas }}");
        }
        if (spec.has("retention")) {
            token(spec, "retention", "{{ " + p + ".retention | quote }}");
        }
        JsonNode requests = spec.at("/storage/volumeClaimTemplate/spec/resources/requests");
        if (requests.has("storage")) {
            token(requests, "storage", "{{ " + p + ".storage | quote }}");
        }
        if (DefaultValues.resources(spec) != null) {
            resources(spec, p + ".resources");
        }
    }

    private void resources(JsonNode holder, String values) {
        if (!holder.path("resources").isObject()) {
            return;
        }
        for (String bound : List.of("requests", "limits")) {
            quantities(holder.at("/resources/" + bound), values + "." + bound);
        }
    }

    private void quantities(JsonNode q, String values) {
        for (String r : List.of("cpu", "memory")) {
            if (q.has(r)) {
                token(q, r, "{{ " + values + "." + r + " | quote }}");
            }
        }
    }

    private void strings(JsonNode o, String field, java.util.function.Function<String, String> expression) {
        for (JsonNode parent : o.findParents(field)) {
            if (parent.path(field).isTextual()) {
                token(parent, field, expression.apply(parent.path(field).asText()));
            }
        }
    }

    private Optional<String> service(String name) {
        return ServiceCatalog.find(name).filter(s -> s.system() == stack.system()).filter(s -> objects.workload(name) != null)
                .map(s -> "(index .Values.services \"" + name + "\")");
    }

    /** A policy whose rules only let pods reach istiod ({@link NetworkPolicies#ISTIO_NAMESPACE}). */
    private static boolean onlyToIstiod(JsonNode policy) {
        JsonNode egress = policy.at("/spec/egress");
        if (policy.at("/spec").has("ingress") || egress.isEmpty()) {
            return false;
        }
        for (JsonNode rule : egress) {
            if (rule.path("to").isEmpty()) {
                return false; // no peers: everywhere
            }
            for (JsonNode peer : rule.path("to")) {
                if (!NetworkPolicies.ISTIO_NAMESPACE.equals(peer.at("/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    private MeshScrape meshScrape() {
        return new MeshScrape(tokens, name -> ServiceCatalog.find(name).filter(s -> s.system() == stack.system()));
    }

    private Optional<String> workloadValues(String name) {
        JsonNode w = objects.workload(name);
        return w != null && DefaultValues.resources(ChartObjects.mainContainer(w)) != null && service(name).isEmpty()
                ? Optional.of("(index .Values.workloads \"" + name + "\")") : Optional.empty();
    }

    /** Each ipBlock reads its CIDR from values, and so does the reason annotation that names it. */
    private void networkPolicy(ObjectNode o) {
        java.util.Set<String> named = new java.util.TreeSet<>(java.util.Comparator.comparing(String::length).reversed().thenComparing(c -> c));
        for (JsonNode p : o.findParents("ipBlock")) {
            ObjectNode block = (ObjectNode) p.path("ipBlock");
            named.add(block.path("cidr").asText());
            token(block, "cidr", cidr(block.path("cidr").asText()));
            JsonNode except = block.path("except");
            for (int i = 0; i < except.size(); i++) {
                named.add(except.get(i).asText());
                ((ArrayNode) except).set(i, TextNode.valueOf(tokens.value(cidr(except.get(i).asText()))));
            }
        }
        JsonNode annotations = o.at("/metadata/annotations");
        if (annotations.isObject() && !named.isEmpty()) {
            List<String> keys = new ArrayList<>();
            annotations.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String text = annotations.path(key).asText();
                for (String block : named) {
                    if (text.contains(block)) {
                        text = text.replace(block, tokens.value("{{ index .Values.networkPolicy.cidrs \"" + block + "\" }}"));
                    }
                }
                ((ObjectNode) annotations).put(key, text);
            }
        }
    }

    private String cidr(String block) {
        return "{{ index .Values.networkPolicy.cidrs \"" + block + "\" | quote }}";
    }

    private void hosts(ArrayNode list) {
        for (int i = 0; i < list.size(); i++) {
            Optional<String> key = hostKey(list.get(i).asText());
            if (key.isPresent()) {
                list.set(i, TextNode.valueOf(tokens.value("{{ .Values.ingress." + key.get() + " | quote }}")));
            }
        }
    }

    private Optional<String> hostKey(String host) {
        return host.equals(Names.apiHost(stack.domain())) ? Optional.of("apiHost")
                : host.equals(Names.wsHost(stack.domain())) ? Optional.of("wsHost") : Optional.empty();
    }

    private void token(JsonNode parent, String field, String expression) {
        ((ObjectNode) parent).put(field, tokens.value(expression));
    }
}
