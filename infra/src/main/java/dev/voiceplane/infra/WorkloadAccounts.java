package dev.voiceplane.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.WorkloadIdentity;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.synth.Manifest;
import java.util.List;
import java.util.Map;

/**
 * Finds, in the synthesized manifests, the Kubernetes ServiceAccount a cloud identity is bound to, so
 * the federated credential (Azure) or trust policy (AWS) names exactly the account charts-gen
 * annotated with that identity, and not a second spelling of its name. The annotations looked for are
 * the ones charts-gen's {@link WorkloadIdentity} writes, from the same code.
 */
public final class WorkloadAccounts {
    private WorkloadAccounts() {
    }

    /**
     * The token subject ({@code system:serviceaccount:<namespace>:<name>}) of the account annotated with
     * {@code cloud}'s {@code identity} (an Azure client id, an AWS role ARN); {@code fallback} when the identity
     * is empty or no account carries it (a stack whose manifests do not use that identity yet, e.g. backups of
     * managed stores).
     */
    public static String subject(List<Manifest> manifests, Cloud cloud, String identity, String fallback) {
        Map<String, String> wanted = WorkloadIdentity.of(cloud, identity).accountAnnotations();
        if (identity.isEmpty() || wanted.isEmpty()) {
            return fallback;
        }
        for (Manifest m : manifests) {
            for (ObjectNode o : m.objects()) {
                if (!"ServiceAccount".equals(o.path("kind").asText())) {
                    continue;
                }
                JsonNode meta = o.path("metadata");
                if (wanted.entrySet().stream().allMatch(e -> e.getValue().equals(meta.path("annotations").path(e.getKey()).asText(null)))) {
                    return "system:serviceaccount:" + meta.path("namespace").asText() + ":" + meta.path("name").asText();
                }
            }
        }
        return fallback;
    }

    /**
     * The token subject of the ServiceAccount {@code name} in {@code namespace}; fails when the manifests have
     * no such account (a federated credential for it would trust nothing that runs).
     */
    public static String named(List<Manifest> manifests, String namespace, String name) {
        for (Manifest m : manifests) {
            for (ObjectNode o : m.objects()) {
                JsonNode meta = o.path("metadata");
                if ("ServiceAccount".equals(o.path("kind").asText()) && name.equals(meta.path("name").asText())
                        && namespace.equals(meta.path("namespace").asText())) {
                    return "system:serviceaccount:" + namespace + ":" + name;
                }
            }
        }
        throw new IllegalStateException("no ServiceAccount " + namespace + "/" + name + " in the charts: the workload identity would trust no pod");
    }
}
