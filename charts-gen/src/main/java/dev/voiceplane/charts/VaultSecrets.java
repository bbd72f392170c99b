package dev.voiceplane.charts;

import dev.voiceplane.catalog.Names;
import dev.voiceplane.stack.Cloud;
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

    /** The secrets of one system. Required: the system, its namespace and the vault. */
    public static final class Props {
        private final String system;
        private final String namespace;
        private final SecretVault vault;
        private final Map<String, SortedSet<String>> secrets;

        private Props(Builder b) {
            system = b.system;
            namespace = b.namespace;
            vault = b.vault;
            Map<String, SortedSet<String>> copy = new TreeMap<>();
            b.secrets.forEach((k, v) -> copy.put(k, new TreeSet<>(v)));
            secrets = copy;
        }

        /**
         * @param system    names the store ({@code <system>-vault}), its reader and the local source Secret
         * @param namespace where the store and the Secrets live
         * @param vault     where the values come from and as whom they are read
         */
        public static Builder builder(String system, String namespace, SecretVault vault) {
            return new Builder(system, namespace, vault);
        }

        public String system() {
            return system;
        }

        public String namespace() {
            return namespace;
        }

        public SecretVault vault() {
            return vault;
        }

        public Cloud cloud() {
            return vault.cloud();
        }

        public Map<String, SortedSet<String>> secrets() {
            return secrets;
        }

        public static final class Builder {
            private final String system;
            private final String namespace;
            private final SecretVault vault;
            private Map<String, ? extends java.util.Collection<String>> secrets = Map.of();

            private Builder(String system, String namespace, SecretVault vault) {
                this.system = Objects.requireNonNull(system, "system");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.vault = Objects.requireNonNull(vault, "vault");
            }

            /** Kubernetes Secret name to the keys it holds, one ExternalSecret each. Default none: only the store. */
            public Builder secrets(Map<String, ? extends java.util.Collection<String>> secrets) {
                this.secrets = Objects.requireNonNull(secrets, "secrets");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    private final String storeName;

    public VaultSecrets(Construct scope, String id, Props props) {
        super(scope, id);
        storeName = props.system() + "-vault";
        Problems.report(this, props.vault().problems());
        AccessControl reader = new AccessControl(this, "reader", AccessControl.Props.builder(
                new Names(props.system()).vaultReader(), props.namespace()).annotations(props.vault().readerAnnotations())
                .rules(readerRules(props)).build());
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
                    "vaultUrl", p.vault().address(),
                    "tenantId", p.vault().tenantId(),
                    "serviceAccountRef", Map.of("name", serviceAccount)));
            case AWS -> Map.of("aws", Map.of(
                    "service", "SecretsManager",
                    "region", p.vault().address(),
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
            case AWS -> Map.of("key", new Names(p.system()).vaultSecret(p.vault().environment()), "property", key);
            case NONE -> Map.of("key", localSourceSecret(p.system()), "property", key);
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
