package dev.voiceplane.synth.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.synth.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The synthesized objects as the chart sees them: which it owns, and where their pods are.
 *
 * <p>An app chart owns what is in its namespace, the namespace itself (only when asked, see
 * {@code namespace.create}) and the RBAC granting its own service accounts access outside it. Other
 * objects outside its namespace belong to another owner, and Helm refuses to adopt objects another
 * release or a human created ("invalid ownership metadata", https://helm.sh/docs/faq/changes_since_helm2/#improved-upgrade-strategy-3-way-strategic-merge-patches):
 * the cluster's StorageClasses and ClusterIssuers, the ingress controller's own ConfigMap, and the
 * whole cluster component, which infra installs once per cluster.
 */
final class ChartObjects {
    /** The component id of the cluster-wide objects, which no app chart renders. */
    static final String CLUSTER_COMPONENT = "cluster";
    private static final Set<String> RBAC = Set.of("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    private static final Set<String> POD_OWNERS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob");

    private final String namespace;
    private final List<Manifest> manifests;

    ChartObjects(String namespace, List<Manifest> manifests) {
        this.namespace = namespace;
        this.manifests = List.copyOf(manifests);
    }

    String namespace() {
        return namespace;
    }

    /** The manifests the chart has a template for, each with the objects it owns. */
    List<Manifest> templates() {
        return manifests.stream().filter(m -> !m.component().id().equals(CLUSTER_COMPONENT))
                .map(m -> new Manifest(m.component(), m.objects().stream().filter(this::owns).toList()))
                .filter(m -> !m.objects().isEmpty()).toList();
    }

    boolean owns(JsonNode o) {
        String kind = o.path("kind").asText();
        String ns = o.at("/metadata/namespace").asText("");
        if (kind.equals("Namespace")) {
            return o.at("/metadata/name").asText().equals(namespace);
        }
        return ns.equals(namespace) || RBAC.contains(kind);
    }

    /** Whether an owned object lives outside the release namespace (cluster-scoped or elsewhere). */
    boolean outside(JsonNode o) {
        return !o.path("kind").asText().equals("Namespace") && !o.at("/metadata/namespace").asText("").equals(namespace);
    }

    List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        templates().forEach(m -> out.addAll(m.objects()));
        return out;
    }

    List<JsonNode> owned(String kind) {
        return all().stream().filter(o -> o.path("kind").asText().equals(kind)).map(o -> (JsonNode) o).toList();
    }

    /** Names of a kind among every synthesized object, the cluster's included (the issuers a chart may name). */
    List<String> namesInStack(String kind) {
        return DefaultValues.sorted(manifests.stream().flatMap(m -> m.objects().stream())
                .filter(o -> o.path("kind").asText().equals(kind)).map(o -> o.at("/metadata/name").asText()).distinct().toList());
    }

    List<JsonNode> podOwners() {
        return all().stream().filter(o -> POD_OWNERS.contains(o.path("kind").asText())).map(o -> (JsonNode) o).toList();
    }

    List<JsonNode> podTemplates() {
        return podOwners().stream().map(ChartObjects::podTemplate).toList();
    }

    /** The pod template of a Deployment, StatefulSet, DaemonSet, Job or CronJob. */
    static JsonNode podTemplate(JsonNode owner) {
        return owner.path("kind").asText().equals("CronJob") ? owner.at("/spec/jobTemplate/spec/template") : owner.at("/spec/template");
    }

    JsonNode workload(String name) {
        return podOwners().stream().filter(o -> !o.path("kind").asText().contains("Job"))
                .filter(o -> o.at("/metadata/name").asText().equals(name)).findFirst().orElse(null);
    }

    JsonNode autoscalerOf(String name) {
        return owned("HorizontalPodAutoscaler").stream()
                .filter(o -> o.at("/spec/scaleTargetRef/name").asText().equals(name)).findFirst().orElse(null);
    }

    boolean hostUsed(String host) {
        return owned("Ingress").stream().anyMatch(i -> i.at("/spec/rules").findValuesAsText("host").contains(host));
    }

    /** The container named after its workload, or the only one. */
    static JsonNode mainContainer(JsonNode workload) {
        JsonNode containers = podTemplate(workload).at("/spec/containers");
        for (JsonNode c : containers) {
            if (c.path("name").asText().equals(workload.at("/metadata/name").asText())) {
                return c;
            }
        }
        return containers.size() == 1 ? containers.get(0) : null;
    }
}
