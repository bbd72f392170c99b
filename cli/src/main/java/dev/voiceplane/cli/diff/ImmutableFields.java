package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fields the API server refuses to change in place. Such a change is not a rollout: apply fails
 * ("field is immutable") until the object is deleted and made again, so diff names it as a
 * replacement. Each rule cites where Kubernetes says so.
 */
final class ImmutableFields {

    /**
     * Kinds whose listed fields are fixed at creation:
     * Deployment https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#label-selector-updates,
     * DaemonSet https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#pod-selector,
     * ReplicaSet (apps/v1 selector), Job https://kubernetes.io/docs/concepts/workloads/controllers/job/#mutable-scheduling-directives
     * (the pod template and selector are immutable), StorageClass
     * https://kubernetes.io/docs/concepts/storage/storage-classes/ ("cannot be updated once created"),
     * RoleBinding/ClusterRoleBinding https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding
     * ("After you create a binding, you cannot change the Role or ClusterRole that it refers to").
     */
    private static final Map<String, List<String>> FIXED = Map.of(
            "Deployment", List.of("/spec/selector"),
            "DaemonSet", List.of("/spec/selector"),
            "ReplicaSet", List.of("/spec/selector"),
            "Job", List.of("/spec/selector", "/spec/template", "/spec/completionMode"),
            "StorageClass", List.of("/provisioner", "/parameters", "/reclaimPolicy", "/volumeBindingMode"),
            "RoleBinding", List.of("/roleRef"),
            "ClusterRoleBinding", List.of("/roleRef"));

    /**
     * The only StatefulSet spec fields an update may change; the API server answers anything else with
     * "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template',
     * 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and
     * 'minReadySeconds' are forbidden" (kubernetes pkg/apis/apps/validation, ValidateStatefulSetUpdate).
     */
    private static final Set<String> STATEFULSET_MUTABLE = Set.of("replicas", "ordinals", "template", "updateStrategy",
            "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    /**
     * A claim's spec is immutable after creation except its requests (which may only grow) and its
     * volume attributes class (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#expanding-persistent-volumes-claims).
     */
    private static final Set<String> CLAIM_MUTABLE = Set.of("resources", "volumeAttributesClassName");

    private ImmutableFields() {
    }

    static List<Risk> ifChanged(JsonNode before, JsonNode after) {
        String kind = after.path("kind").asText();
        List<String> fields = new ArrayList<>();
        for (String field : FIXED.getOrDefault(kind, List.of())) {
            if (!before.at(field).equals(after.at(field))) {
                fields.add(field);
            }
        }
        switch (kind) {
            case "StatefulSet" -> fields.addAll(changedExcept(before.path("spec"), after.path("spec"), "/spec", STATEFULSET_MUTABLE));
            case "PersistentVolumeClaim" -> fields.addAll(changedExcept(before.path("spec"), after.path("spec"), "/spec", CLAIM_MUTABLE));
            case "Service" -> fields.addAll(service(before, after));
            case "ConfigMap", "Secret" -> fields.addAll(immutableData(before, after));
            default -> {
            }
        }
        List<Risk> risks = new ArrayList<>();
        for (String field : fields) {
            risks.add(new Risk(RiskClass.REPLACE, "changes " + field.substring(1).replace('/', '.')
                    + ", which Kubernetes cannot change in place: the " + kind + " must be deleted and made again"));
        }
        return risks;
    }

    private static List<String> changedExcept(JsonNode before, JsonNode after, String at, Set<String> mutable) {
        Set<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        List<String> changed = new ArrayList<>();
        for (String key : keys) {
            if (!mutable.contains(key) && !before.path(key).equals(after.path(key))) {
                changed.add(at + "/" + key);
            }
        }
        return changed;
    }

    /**
     * clusterIP "may not be changed through updates unless the type field is also being changed to
     * ExternalName" (https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#ServiceSpec);
     * to or from ExternalName the Service loses or gets a new cluster IP.
     */
    private static List<String> service(JsonNode before, JsonNode after) {
        List<String> changed = new ArrayList<>();
        for (String field : List.of("/spec/clusterIP", "/spec/clusterIPs")) {
            JsonNode from = before.at(field);
            JsonNode to = after.at(field);
            if (!from.isMissingNode() && !to.isMissingNode() && !from.equals(to)) {
                changed.add(field);
            }
        }
        String fromType = before.at("/spec/type").asText("ClusterIP");
        String toType = after.at("/spec/type").asText("ClusterIP");
        if (!fromType.equals(toType) && (fromType.equals("ExternalName") || toType.equals("ExternalName"))) {
            changed.add("/spec/type");
        }
        return changed;
    }

    /** An immutable ConfigMap or Secret keeps its data for life (https://kubernetes.io/docs/concepts/configuration/configmap/#configmap-immutable). */
    private static List<String> immutableData(JsonNode before, JsonNode after) {
        if (!before.path("immutable").asBoolean(false)) {
            return List.of();
        }
        List<String> changed = new ArrayList<>();
        for (Iterator<String> it = List.of("data", "binaryData", "stringData", "immutable").iterator(); it.hasNext(); ) {
            String field = it.next();
            if (!before.path(field).equals(after.path(field))) {
                changed.add("/" + field);
            }
        }
        return changed;
    }
}
