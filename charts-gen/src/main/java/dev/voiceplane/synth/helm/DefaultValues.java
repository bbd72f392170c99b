package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.stack.StackConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values a stack's chart defaults to, read from the synthesized objects themselves (not from
 * the stack file), so whatever the constructs write is what the chart's defaults say.
 */
final class DefaultValues {
    static final String MESH_INJECT = "sidecar.istio.io/inject";
    /** Istio's per-pod proxy resource annotations (https://istio.io/latest/docs/reference/config/annotations/). */
    static final Map<String, String> PROXY_ANNOTATIONS = Map.of(
            "requests.cpu", "sidecar.istio.io/proxyCPU", "requests.memory", "sidecar.istio.io/proxyMemory",
            "limits.cpu", "sidecar.istio.io/proxyCPULimit", "limits.memory", "sidecar.istio.io/proxyMemoryLimit");
    static final String ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";
    private static final ChartValues.Resources NO_PROXY_SIZE = new ChartValues.Resources(null, null);

    private final StackConfig stack;
    private final ChartObjects objects;

    private DefaultValues(StackConfig stack, ChartObjects objects) {
        this.stack = stack;
        this.objects = objects;
    }

    static ChartValues of(StackConfig stack, ChartObjects objects) {
        return new DefaultValues(stack, objects).values();
    }

    private ChartValues values() {
        return new ChartValues(namespace(), new ChartValues.ClusterScoped(true),
                new ChartValues.Images(stack.images().registry(), stack.images().tag(), List.of()),
                services(), workloads(), new ChartValues.Pods(Map.of(), List.of(), Map.of(), Map.of()), mesh(), ingress(),
                strings("storageClassName"), new ChartValues.NetworkPolicy(cidrs()), serviceAccounts(), monitoring(), features());
    }

    private ChartValues.Namespace namespace() {
        JsonNode ns = objects.owned("Namespace").stream().findFirst().orElse(null);
        Map<String, String> labels = new TreeMap<>();
        if (ns != null) {
            ns.at("/metadata/labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        labels.remove("kubernetes.io/metadata.name"); // the API server sets it to the name
        labels.remove("app.kubernetes.io/managed-by"); // Helm's own label says who manages it
        JsonNode quota = objects.owned("ResourceQuota").stream().findFirst().map(q -> q.at("/spec/hard")).orElse(null);
        JsonNode limits = objects.owned("LimitRange").stream().findFirst().map(l -> l.at("/spec/limits/0")).orElse(null);
        return new ChartValues.Namespace(false, "", labels,
                quota == null ? null : new ChartValues.Capacity(
                        quantities(quota.path("requests.cpu"), quota.path("requests.memory")),
                        quantities(quota.path("limits.cpu"), quota.path("limits.memory"))),
                limits == null ? null : new ChartValues.ContainerDefaults(
                        quantities(limits.at("/default/cpu"), limits.at("/default/memory")),
                        quantities(limits.at("/defaultRequest/cpu"), limits.at("/defaultRequest/memory"))));
    }

    private Map<String, ChartValues.ServiceValues> services() {
        Map<String, ChartValues.ServiceValues> services = new TreeMap<>();
        for (ServiceSpec spec : ServiceCatalog.of(stack.system())) {
            JsonNode workload = objects.workload(spec.name());
            if (workload == null) {
                continue;
            }
            JsonNode hpa = objects.autoscalerOf(spec.name());
            services.put(spec.name(), new ChartValues.ServiceValues(
                    workload.at("/spec").has("replicas") ? workload.at("/spec/replicas").asInt() : null,
                    hpa == null ? null : hpa.at("/spec/minReplicas").asInt(),
                    hpa == null ? null : hpa.at("/spec/maxReplicas").asInt(),
                    resources(ChartObjects.mainContainer(workload)),
                    utilization(hpa, "cpu"), utilization(hpa, "memory")));
        }
        return services;
    }

    /** The average utilization an HPA holds for a resource, or null when it does not scale on it. */
    static Integer utilization(JsonNode hpa, String resource) {
        JsonNode target = resourceTarget(hpa, resource);
        return target == null ? null : target.path("averageUtilization").asInt();
    }

    /** The {@code target} of an HPA's Resource metric on {@code resource} by utilization, or null. */
    static JsonNode resourceTarget(JsonNode hpa, String resource) {
        if (hpa == null) {
            return null;
        }
        for (JsonNode metric : hpa.at("/spec/metrics")) {
            JsonNode r = metric.path("resource");
            if ("Resource".equals(metric.path("type").asText()) && resource.equals(r.path("name").asText())
                    && r.at("/target/averageUtilization").isInt()) {
                return r.path("target");
            }
        }
        return null;
    }

    private Map<String, ChartValues.WorkloadValues> workloads() {
        Map<String, ChartValues.WorkloadValues> workloads = new TreeMap<>();
        for (JsonNode w : objects.podOwners()) {
            String name = w.at("/metadata/name").asText();
            ChartValues.Resources r = resources(ChartObjects.mainContainer(w));
            if (ServiceCatalog.find(name).filter(s -> s.system() == stack.system()).isEmpty() && r != null
                    && !w.path("kind").asText().contains("Job")) {
                workloads.put(name, new ChartValues.WorkloadValues(r));
            }
        }
        return workloads;
    }

    private ChartValues.Mesh mesh() {
        boolean enabled = false;
        java.util.Set<ChartValues.Resources> sizes = new java.util.HashSet<>();
        for (JsonNode pod : objects.podTemplates()) {
            if ("true".equals(pod.at("/metadata/labels").path(MESH_INJECT).asText())) {
                enabled = true;
                JsonNode a = pod.at("/metadata/annotations");
                ChartValues.Quantities requests = quantities(a.path(PROXY_ANNOTATIONS.get("requests.cpu")), a.path(PROXY_ANNOTATIONS.get("requests.memory")));
                ChartValues.Quantities limits = quantities(a.path(PROXY_ANNOTATIONS.get("limits.cpu")), a.path(PROXY_ANNOTATIONS.get("limits.memory")));
                sizes.add(requests == null || limits == null || requests.cpu() == null || requests.memory() == null
                        || limits.cpu() == null || limits.memory() == null ? NO_PROXY_SIZE : new ChartValues.Resources(requests, limits));
            }
        }
        // One size for every meshed pod becomes the default; pods sized apiece (or not at all) keep their own annotations.
        ChartValues.Resources proxy = sizes.size() == 1 && !sizes.contains(NO_PROXY_SIZE) ? sizes.iterator().next() : null;
        return new ChartValues.Mesh(enabled, proxy);
    }

    private ChartValues.Ingress ingress() {
        List<JsonNode> ingresses = objects.owned("Ingress");
        if (ingresses.isEmpty()) {
            return null;
        }
        String api = Names.apiHost(stack.domain());
        String ws = Names.wsHost(stack.domain());
        boolean tls = ingresses.stream().anyMatch(i -> i.at("/spec/tls").size() > 0);
        String issuer = objects.owned("Certificate").stream().map(c -> c.at("/spec/issuerRef/name").asText()).findFirst()
                .orElse(ingresses.stream().map(i -> i.at("/metadata/annotations").path(ISSUER_ANNOTATION).asText(""))
                        .filter(s -> !s.isEmpty()).findFirst().orElse(null));
        return new ChartValues.Ingress(ingresses.get(0).at("/spec/ingressClassName").asText("nginx"),
                tls ? Boolean.TRUE : null, tls ? issuer : null,
                objects.hostUsed(api) ? api : null, objects.hostUsed(ws) ? ws : null);
    }

    /** Every distinct value of a field anywhere in the chart's objects, mapped to itself. */
    private Map<String, String> strings(String field) {
        Map<String, String> found = new TreeMap<>();
        for (ObjectNode o : objects.all()) {
            o.findValues(field).forEach(v -> found.put(v.asText(), v.asText()));
        }
        return found;
    }

    private Map<String, String> cidrs() {
        Map<String, String> found = new TreeMap<>();
        for (JsonNode policy : objects.owned("NetworkPolicy")) {
            for (JsonNode block : policy.findValues("ipBlock")) {
                found.put(block.path("cidr").asText(), block.path("cidr").asText());
                block.path("except").forEach(e -> found.put(e.asText(), e.asText()));
            }
        }
        return found;
    }

    private Map<String, ChartValues.ServiceAccount> serviceAccounts() {
        Map<String, ChartValues.ServiceAccount> accounts = new TreeMap<>();
        for (JsonNode sa : objects.owned("ServiceAccount")) {
            Map<String, String> annotations = new TreeMap<>();
            sa.at("/metadata/annotations").fields().forEachRemaining(e -> annotations.put(e.getKey(), e.getValue().asText()));
            accounts.put(sa.at("/metadata/name").asText(), new ChartValues.ServiceAccount(annotations));
        }
        return accounts;
    }

    private ChartValues.Monitoring monitoring() {
        JsonNode p = objects.owned("Prometheus").stream().findFirst().orElse(null);
        if (p == null) {
            return null;
        }
        JsonNode spec = p.path("spec");
        JsonNode storage = spec.at("/storage/volumeClaimTemplate/spec/resources/requests/storage");
        return new ChartValues.Monitoring(new ChartValues.Prometheus(
                spec.has("replicas") ? spec.path("replicas").asInt() : null,
                spec.has("retention") ? spec.path("retention").asText() : null,
                storage.isMissingNode() ? null : storage.asText(),
                resources(spec)));
    }

    private Map<String, Boolean> features() {
        Map<String, Boolean> features = new TreeMap<>();
        for (JsonNode cm : objects.owned("ConfigMap")) {
            cm.path("data").fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("FEATURE_")) {
                    String text = e.getValue().asText();
                    if (!text.equals("true") && !text.equals("false")) {
                        throw new IllegalStateException("feature flag " + e.getKey() + " must be \"true\" or \"false\", got '" + text + "'");
                    }
                    Boolean before = features.put(e.getKey(), Boolean.valueOf(text));
                    if (before != null && !before.toString().equals(text)) {
                        throw new IllegalStateException("feature flag " + e.getKey() + " has two values: " + before + " and " + text);
                    }
                }
            });
        }
        return features;
    }

    /** The requests and limits of a container (or anything with {@code resources}); null without both. */
    static ChartValues.Resources resources(JsonNode holder) {
        if (holder == null) {
            return null;
        }
        JsonNode r = holder.path("resources");
        if (!r.at("/requests/cpu").isValueNode() || !r.at("/limits/cpu").isValueNode()
                || !r.at("/requests/memory").isValueNode() || !r.at("/limits/memory").isValueNode()) {
            return null;
        }
        return new ChartValues.Resources(quantities(r.at("/requests/cpu"), r.at("/requests/memory")),
                quantities(r.at("/limits/cpu"), r.at("/limits/memory")));
    }

    /** The quantities present (a quota may cap only some); null when neither is. */
    private static ChartValues.Quantities quantities(JsonNode cpu, JsonNode memory) {
        if (!cpu.isValueNode() && !memory.isValueNode()) {
            return null;
        }
        return new ChartValues.Quantities(cpu.isValueNode() ? cpu.asText() : null, memory.isValueNode() ? memory.asText() : null);
    }

    static List<String> sorted(Iterable<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(out::add);
        out.sort(null);
        return out;
    }
}
