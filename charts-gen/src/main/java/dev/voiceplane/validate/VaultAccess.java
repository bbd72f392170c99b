package dev.voiceplane.validate;

import dev.voiceplane.charts.WorkloadIdentity;

/**
 * A SecretStore can authenticate to its vault. The External Secrets Operator's Azure Key Vault provider
 * with workload identity needs the tenant: {@code spec.provider.azurekv.tenantId}, or the
 * {@code azure.workload.identity/tenant-id} annotation on the referenced ServiceAccount; without either every
 * ExternalSecret fails with "missing tenantID" and no service gets its secrets
 * (https://external-secrets.io/latest/provider/azure-key-vault/#workload-identity).
 */
final class VaultAccess {
    static final RuleSpec SPEC = RuleSpec.of("secret-store-tenant", Severity.ERROR, Layer.CROSS_OBJECT,
            "an Azure Key Vault SecretStore with workload identity names its tenant (tenantId, or the service account's tenant annotation)",
            "set spec.provider.azurekv.tenantId (or azure.workload.identity/tenant-id on the service account)",
            "https://external-secrets.io/latest/provider/azure-key-vault/#workload-identity").decidedBy("voiceplane:vault");

    private VaultAccess() {
    }

    static Rule rule() {
        return Rules.of(SPEC, (m, f) -> {
            for (Source store : m.ofKind("SecretStore", "ClusterSecretStore")) {
                var kv = store.at("/spec/provider/azurekv");
                if (!kv.isObject() || !kv.path("authType").asText().equals("WorkloadIdentity") || !kv.path("tenantId").asText("").isEmpty()) {
                    continue;
                }
                String account = kv.at("/serviceAccountRef/name").asText("");
                String namespace = kv.at("/serviceAccountRef/namespace").asText(store.namespace());
                boolean annotated = m.find("ServiceAccount", namespace, account)
                        .map(sa -> !sa.annotation(WorkloadIdentity.AZURE_TENANT_ID).isEmpty()).orElse(false);
                if (!annotated) {
                    f.add(store, "/spec/provider/azurekv", "authenticates with workload identity but names no tenant (no tenantId, and ServiceAccount '"
                            + account + "' has no azure.workload.identity/tenant-id): External Secrets fails with \"missing tenantID\"");
                }
            }
        });
    }
}
