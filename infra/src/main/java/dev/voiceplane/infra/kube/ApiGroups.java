package dev.voiceplane.infra.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.synth.Manifest;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API groups of synthesized objects, and which of them only exist once an add-on installed their
 * CRDs. A fresh cluster answers "no matches for kind" for any other group, so the release carrying
 * such objects must wait for the add-on ({@link ClusterAddons#servingGroups}).
 */
public final class ApiGroups {
    /**
     * Groups every conformant cluster serves (https://kubernetes.io/docs/reference/using-api/#api-groups);
     * {@code autoscaling.k8s.io} is not among them: it is the VPA's CRD group.
     */
    static final Set<String> BUILT_IN = Set.of("", "apps", "batch", "autoscaling", "policy", "networking.k8s.io",
            "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
            "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "certificates.k8s.io",
            "node.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io", "authentication.k8s.io", "authorization.k8s.io");

    private ApiGroups() {
    }

    /** {@code cert-manager.io/v1} → {@code cert-manager.io}; {@code v1} → the core group "". */
    public static String of(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The groups of the manifests' objects a plain cluster does not serve, sorted. */
    public static Set<String> custom(Collection<Manifest> manifests) {
        Set<String> groups = new TreeSet<>();
        for (Manifest m : manifests) {
            for (ObjectNode o : m.objects()) {
                String group = of(o.path("apiVersion").asText());
                if (!BUILT_IN.contains(group)) {
                    groups.add(group);
                }
            }
        }
        return groups;
    }
}
