package dev.voiceplane.charts;

import dev.voiceplane.catalog.Names;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.CloudIdentities;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdk8s.plus33.k8s.PolicyRule;
import software.constructs.Construct;

/**
 * Secrets without secret values in the manifests: an External Secrets Operator
 * (https://external-secrets.io) {@code SecretStore} for the stack's vault and one
 * {@code ExternalSecret} per Kubernetes Secret the workloads read, listing only key names.
 *
 * <ul>
 *   <li>Azure (ai-ninja guide: "Secrets sourced from Azure Key Vault"): Key Vault through workload
 *       identity; each key is a vault secret named after it in kebab case ({@code DB_PASSWORD} →
 *       {@code db-password}), since Key Vault names allow no underscores.</li>
 *   <li>AWS: Secrets Manager in the stack's region through IRSA; one JSON secret per system and
 *       environment ({@code bharatvoice/production}) whose properties are the keys.</li>
 *   <li>No cloud: the operator's Kubernetes provider copies keys out of {@code <system>-local-secrets},
 *       a Secret you create by hand once per laptop cluster
 *       ({@code kubectl -n ai-ninja create secret generic ai-ninja-local-secrets --from-literal=DB_USERNAME=... ...});
 *       its reader gets a Role for that one Secret and nothing else.</li>
 * </ul>
 * Every key must exist in the vault (optional ones may hold an empty value): the operator syncs a
 * Secret all or nothing.
 */
public final class VaultSecrets extends Construct {
    public static final String API_VERSION = "external-secrets.io/v1";
    /** How often the operator re-reads the vault, so a rotated secret reaches pods within the hour. */
    static final String REFRESH = "1h";

    /**
     * @param system     the system id: names the store ({@code <system>-vault}) and the local source Secret
     * @param environment environment id, part of the AWS secret name
     * @param cloud      which vault
     * @param region     the AWS region of Secrets Manager
     * @param identities vault URL and the identity the operator reads as
     * @param secrets    Kubernetes Secret name → the keys it holds
     */
    public record Props(String system, String environment, String namespace, Cloud cloud, String region,
                        CloudIdentities identities, Map<String, SortedSet<String>> secrets) {
        public Props {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(cloud, "cloud");
            Map<String, SortedSet<String>> copy = new TreeMap<>();
            secrets.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
            secrets = copy;
        }
    }

    private final String storeName;

    public VaultSecrets(Construct scope, String id, Props props) {
        super(scope, id);
        storeName = props.system() + "-vault";
        AccessControl reader = new AccessControl(this, "reader", new AccessControl.Props(
                new Names(props.system()).vaultReader(), props.namespace(), readerAnnotations(props), readerRules(props)));
        Map<String, String> labels = Map.of(Labels.COMPONENT, "secrets");

        CustomResource.create(this, "store", API_VERSION, "SecretStore", storeName, props.namespace(), labels,
                Map.of("spec", Map.of("provider", provider(props, reader.name()))));

        props.secrets().forEach((secretName, keys) -> {
            List<Map<String, Object>> data = new ArrayList<>();
            for (String key : keys) {
                data.add(Map.of("secretKey", key, "remoteRef", remoteRef(props, key)));
            }
            CustomResource.create(this, secretName, API_VERSION, "ExternalSecret", secretName, props.namespace(), labels,
                    Map.of("spec", Map.of(
                            "refreshInterval", REFRESH,
                            "secretStoreRef", Map.of("kind", "SecretStore", "name", storeName),
                            // Owner: the Secret goes when the ExternalSecret goes. Retain: a vault outage or a
                            // deleted vault entry keeps the last good Secret rather than breaking running pods.
                            "target", Map.of("name", secretName, "creationPolicy", "Owner", "deletionPolicy", "Retain"),
                            "data", data)));
        });
    }

    public String storeName() {
        return storeName;
    }

    /** The hand-made Secret the local store copies from. */
    public static String localSourceSecret(String system) {
        return new Names(system).localSecrets();
    }

    private static Map<String, Object> provider(Props p, String serviceAccount) {
        return switch (p.cloud()) {
            // tenantId: the token exchange of workload identity happens at the tenant's endpoint; without
            // it the operator stops with "missing tenantID" (https://external-secrets.io/latest/provider/azure-key-vault/).
            case AZURE -> Map.of("azurekv", Map.of(
                    "authType", "WorkloadIdentity",
                    "vaultUrl", p.identities().vaultUrl(),
                    "tenantId", p.identities().tenantId(),
                    "serviceAccountRef", Map.of("name", serviceAccount)));
            case AWS -> Map.of("aws", Map.of(
                    "service", "SecretsManager",
                    "region", p.region(),
                    "auth", Map.of("jwt", Map.of("serviceAccountRef", Map.of("name", serviceAccount)))));
            case NONE -> Map.of("kubernetes", Map.of(
                    "remoteNamespace", p.namespace(),
                    "server", Map.of("caProvider", Map.of("type", "ConfigMap", "name", "kube-root-ca.crt", "key", "ca.crt")),
                    "auth", Map.of("serviceAccount", Map.of("name", serviceAccount))));
        };
    }

    private static Map<String, Object> remoteRef(Props p, String key) {
        return switch (p.cloud()) {
            case AZURE -> Map.of("key", key.toLowerCase(Locale.ROOT).replace('_', '-'));
            case AWS -> Map.of("key", p.system() + "/" + p.environment(), "property", key);
            case NONE -> Map.of("key", localSourceSecret(p.system()), "property", key);
        };
    }

    private static Map<String, String> readerAnnotations(Props p) {
        return switch (p.cloud()) {
            // https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html
            case AZURE -> Map.of("azure.workload.identity/client-id", p.identities().vaultIdentity(),
                    "azure.workload.identity/tenant-id", p.identities().tenantId());
            // https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html
            case AWS -> Map.of("eks.amazonaws.com/role-arn", p.identities().vaultIdentity());
            case NONE -> Map.of();
        };
    }

    /** Only the local store reads through the Kubernetes API, and only its one source Secret. */
    private static List<PolicyRule> readerRules(Props p) {
        if (p.cloud() != Cloud.NONE) {
            return List.of();
        }
        return List.of(
                PolicyRule.builder().apiGroups(List.of("")).resources(List.of("secrets"))
                        .resourceNames(List.of(localSourceSecret(p.system()))).verbs(List.of("get")).build(),
                // The provider checks its own permissions before reading
                // (https://external-secrets.io/latest/provider/kubernetes/).
                PolicyRule.builder().apiGroups(List.of("authorization.k8s.io")).resources(List.of("selfsubjectrulesreviews"))
                        .verbs(List.of("create")).build());
    }
}
