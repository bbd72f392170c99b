package dev.voiceplane.validate;

import java.util.List;
import java.util.Set;

/**
 * An app chart writes only into namespaces it creates, and no cluster-wide object other releases
 * share: Helm and Pulumi refuse to take over an object another release (or a person) created
 * ("invalid ownership metadata", https://helm.sh/docs/topics/charts/#resources-that-are-shared), and a
 * shared StorageClass or ClusterIssuer deleted with one stack breaks the others. Applies to an app
 * chart, i.e. objects that create at least one Namespace.
 */
final class Ownership {
    static final RuleSpec FOREIGN_NAMESPACE = RuleSpec.of("foreign-namespace", Severity.ERROR, Layer.CROSS_OBJECT,
            "nothing is written into a namespace the stack does not create", "move the setting to the owner of that namespace (e.g. the ingress controller's own values)",
            "https://helm.sh/docs/faq/changes_since_helm2/#improved-upgrade-strategy-3-way-strategic-merge-patches");
    static final RuleSpec SHARED_OBJECT = RuleSpec.of("shared-cluster-object", Severity.ERROR, Layer.CROSS_OBJECT,
            "no cluster-wide object several releases share (StorageClass, ClusterIssuer, IngressClass, PriorityClass, CRD, webhook)",
            "install it with the cluster's own component (infra), once per cluster", "https://helm.sh/docs/chart_best_practices/custom_resource_definitions/");
    private static final Set<String> SHARED_KINDS = Set.of("StorageClass", "ClusterIssuer", "IngressClass", "PriorityClass",
            "CustomResourceDefinition", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService");

    private Ownership() {
    }

    static List<Rule> rules() {
        return List.of(
                Rules.of(FOREIGN_NAMESPACE, (m, f) -> {
                    Set<String> own = m.createdNamespaces();
                    if (own.isEmpty()) {
                        return;
                    }
                    for (Source s : m.sources()) {
                        if (!s.namespace().isEmpty() && !own.contains(s.namespace())) {
                            f.add(s, "/metadata/namespace", "is written into namespace '" + s.namespace() + "', which these objects do not create "
                                    + "(they create " + own + "): its owner's release refuses or overwrites it");
                        }
                    }
                }),
                Rules.of(SHARED_OBJECT, (m, f) -> {
                    if (m.createdNamespaces().isEmpty()) {
                        return;
                    }
                    for (Source s : m.ofKind(SHARED_KINDS.toArray(String[]::new))) {
                        f.add(s, "", s.kind() + " " + s.name() + " is cluster-wide: every stack on the cluster would write (and delete) it");
                    }
                }));
    }
}
