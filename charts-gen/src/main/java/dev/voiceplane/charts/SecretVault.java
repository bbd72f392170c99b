package dev.voiceplane.charts;

import dev.voiceplane.stack.Cloud;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link VaultSecrets} reads the system's secrets from, and as whom: Azure Key Vault through a
 * workload identity, AWS Secrets Manager through an IAM role (IRSA), or without a cloud a Secret made
 * by hand in the namespace. Identities may be empty in a stack file: infra fills them in at deploy
 * time ({@code StackConfig.withDeployTimeValues}).
 */
public final class SecretVault {
    private final Cloud cloud;
    private final String address;
    private final WorkloadIdentity identity;
    private final String tenantOrEnvironment;

    private SecretVault(Cloud cloud, String address, String identity, String tenantOrEnvironment) {
        this.cloud = cloud;
        this.address = Objects.requireNonNull(address, "address");
        this.identity = WorkloadIdentity.of(cloud, identity);
        this.tenantOrEnvironment = Objects.requireNonNull(tenantOrEnvironment, "tenantOrEnvironment");
    }

    /**
     * Azure Key Vault at {@code vaultUrl}, read as the workload identity {@code clientId} of the Entra
     * tenant {@code tenantId} (the token exchange happens at the tenant's endpoint).
     */
    public static SecretVault keyVault(String vaultUrl, String clientId, String tenantId) {
        return new SecretVault(Cloud.AZURE, vaultUrl, clientId, tenantId);
    }

    /**
     * AWS Secrets Manager in {@code region}, one JSON secret {@code <system>/<environment>} per system and
     * environment, read as the IAM role {@code roleArn}.
     */
    public static SecretVault secretsManager(String region, String environment, String roleArn) {
        return new SecretVault(Cloud.AWS, region, roleArn, environment);
    }

    /** The Secret {@code <system>-local-secrets} in the namespace, made by hand once per laptop cluster. */
    public static SecretVault localSecret() {
        return new SecretVault(Cloud.NONE, "", "", "");
    }

    public Cloud cloud() {
        return cloud;
    }

    /** The Key Vault URL or the Secrets Manager region. */
    String address() {
        return address;
    }

    /** The Entra tenant (Azure). */
    String tenantId() {
        return tenantOrEnvironment;
    }

    /** The environment naming the JSON secret (AWS). */
    String environment() {
        return tenantOrEnvironment;
    }

    /**
     * What the reader's ServiceAccount carries so the operator gets the cloud identity; on Azure also the
     * tenant, which the operator needs for the token exchange (see {@link WorkloadIdentity#AZURE_TENANT_ID}).
     */
    Map<String, String> readerAnnotations() {
        Map<String, String> annotations = new HashMap<>(identity.accountAnnotations());
        if (cloud == Cloud.AZURE) {
            annotations.put(WorkloadIdentity.AZURE_TENANT_ID, tenantOrEnvironment);
        }
        return Map.copyOf(annotations);
    }

    /** Empty addresses, each with its fix. */
    List<String> problems() {
        return switch (cloud) {
            case AZURE -> address.isEmpty() ? List.of("the Key Vault URL is empty; set voiceplane:vault.url to https://<name>.vault.azure.net/")
                    : List.of();
            case AWS -> address.isEmpty() || tenantOrEnvironment.isEmpty()
                    ? List.of("Secrets Manager needs a region and an environment, got region '" + address + "' and environment '"
                            + tenantOrEnvironment + "'; give SecretVault.secretsManager(region, environment, roleArn) both")
                    : List.of();
            case NONE -> List.of();
        };
    }
}
