package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.keyvault.Secret;
import com.pulumi.azurenative.keyvault.SecretArgs;
import com.pulumi.azurenative.keyvault.inputs.SecretPropertiesArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An entry of the stack's Key Vault that infra writes itself, through Azure Resource Manager
 * ({@code Microsoft.KeyVault/vaults/secrets}, https://learn.microsoft.com/azure/templates/microsoft.keyvault/vaults/secrets):
 * a management-plane write, so neither the vault's network rules (only the cluster's subnet) nor its
 * data-plane roles stop the operator's {@code pulumi up}. The value is a Pulumi secret: encrypted in
 * state, shown as [secret], never an output; Azure returns no value on reads.
 *
 * <p>Protected and retained: the vault has soft delete with purge protection, so a deleted entry keeps its
 * name for 90 days and a replacement (delete, then create under the same name) would fail; and an entry
 * such as the TOTP key is data (the seeds it encrypts are unreadable without it). A changed value is an
 * update in place: a new version of the same entry.
 */
public final class VaultSecret {
    /** https://learn.microsoft.com/azure/templates/microsoft.keyvault/vaults/secrets: name pattern. */
    public static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9-]{1,127}$");

    private VaultSecret() {
    }

    /** Writes {@code value} as {@code entry}; every later run writes the value it computes (derived values are stable). */
    static Secret write(Resource parent, String name, Output<String> resourceGroup, KeyVault vault, String entry, Output<String> value) {
        return create(parent, name, resourceGroup, vault, entry, value, false);
    }

    /**
     * Writes {@code value} once: later runs keep the entry's first value ({@code ignoreChanges} on it), for a
     * value drawn at random in each run, which must not change once something is encrypted under it.
     */
    static Secret writeOnce(Resource parent, String name, Output<String> resourceGroup, KeyVault vault, String entry, Output<String> value) {
        return create(parent, name, resourceGroup, vault, entry, value, true);
    }

    private static Secret create(Resource parent, String name, Output<String> resourceGroup, KeyVault vault, String entry,
                                 Output<String> value, boolean once) {
        if (!NAME.matcher(entry).matches()) {
            throw new IllegalArgumentException("'" + entry + "' is not a Key Vault secret name (letters, digits and '-', at most 127)");
        }
        var options = CustomResourceOptions.builder().parent(parent).protect(true).retainOnDelete(true);
        if (once) {
            options.ignoreChanges(List.of("properties.value"));
        }
        return new Secret(name, SecretArgs.builder()
                .resourceGroupName(resourceGroup).vaultName(vault.name()).secretName(entry)
                .properties(SecretPropertiesArgs.builder().value(value.asSecret()).build())
                .build(), options.build());
    }
}
