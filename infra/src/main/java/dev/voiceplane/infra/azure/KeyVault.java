package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.keyvault.Vault;
import com.pulumi.azurenative.keyvault.VaultArgs;
import com.pulumi.azurenative.keyvault.inputs.NetworkRuleSetArgs;
import com.pulumi.azurenative.keyvault.inputs.SkuArgs;
import com.pulumi.azurenative.keyvault.inputs.VaultPropertiesArgs;
import com.pulumi.azurenative.keyvault.inputs.VirtualNetworkRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * The Key Vault the charts' SecretStore reads (guide: "Secrets sourced from Azure Key Vault"). Access
 * is Azure RBAC, not access policies, so each reader gets one role on this vault; soft delete with
 * purge protection, so a deleted secret or vault can be recovered for 90 days and nobody can purge it
 * early; only the cluster's subnet (and trusted Azure services) reach it. The entries infra can produce
 * itself (the database login, the TOTP key) are {@link VaultSecret}s; the rest operators put
 * (infra/README.md).
 */
public final class KeyVault extends ComponentResource {
    static final int SOFT_DELETE_DAYS = 90;

    private final Output<String> id;
    private final Output<String> url;
    private final Output<String> name;

    /** @param vaultName from {@code voiceplane:vault.url} ({@code https://<name>.vault.azure.net/}) */
    public KeyVault(String name, String vaultName, Output<String> resourceGroup, String location, Output<String> tenantId,
                    Output<String> nodeSubnetId, ComponentResourceOptions options) {
        super("voiceplane:azure:KeyVault", name, options);
        // Holds every credential of the system: protected and retained.
        var vault = new Vault(name, VaultArgs.builder()
                .resourceGroupName(resourceGroup).location(location).vaultName(vaultName)
                .properties(VaultPropertiesArgs.builder()
                        .tenantId(tenantId)
                        .sku(SkuArgs.builder().family("A").name(com.pulumi.azurenative.keyvault.enums.SkuName.Standard).build())
                        .enableRbacAuthorization(true)
                        .enableSoftDelete(true).softDeleteRetentionInDays(SOFT_DELETE_DAYS)
                        .enablePurgeProtection(true)
                        .networkAcls(NetworkRuleSetArgs.builder()
                                .defaultAction("Deny").bypass("AzureServices")
                                .virtualNetworkRules(VirtualNetworkRuleArgs.builder().id(nodeSubnetId).build())
                                .build())
                        .build())
                .build(), holdsData(this));
        this.id = vault.id();
        this.name = vault.name();
        this.url = vault.properties().applyValue(p -> p.vaultUri().orElse(""));
        registerOutputs(Map.of("url", url));
    }

    public Output<String> id() {
        return id;
    }

    /** The vault's name, known once it exists (secrets written into it wait for it through this). */
    public Output<String> name() {
        return name;
    }

    public Output<String> url() {
        return url;
    }
}
