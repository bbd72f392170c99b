package dev.voiceplane.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.synth.Manifest;
import java.util.List;

/**
 * Finds, in the synthesized manifests, the Kubernetes ServiceAccount a cloud identity is bound to, so
 * the federated credential (Azure) or trust policy (AWS) names exactly the account charts-gen
 * annotated with that identity, and not a second spelling of its name.
 */
public final class WorkloadAccounts {
    /** https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html */
    public static final String AZURE_CLIENT_ID = "azure.workload.identity/client-id";
    /** https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html */
    public static final String AWS_ROLE_ARN = "eks.amazonaws.com/role-arn";

    private WorkloadAccounts() {
    }

    /**
     * The token subject ({@code system:serviceaccount:<namespace>:<name>}) of the account annotated
     * {@code annotation: identity}; {@code fallback} when no account carries it (a stack whose
     * manifests do not use that identity yet, e.g. backups of managed stores).
     */
    public static String subject(List<Manifest> manifests, String annotation, String identity, String fallback) {
        for (Manifest m : manifests) {
            for (ObjectNode o : m.objects()) {
                if (!"ServiceAccount".equals(o.path("kind").asText())) {
                    continue;
                }
                JsonNode meta = o.path("metadata");
                if (!identity.isEmpty() && identity.equals(meta.path("annotations").path(annotation).asText(null))) {
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
