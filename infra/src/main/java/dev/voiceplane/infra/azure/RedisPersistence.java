package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.managedidentity.UserAssignedIdentity;
import com.pulumi.azurenative.managedidentity.UserAssignedIdentityArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.inputs.NetworkRuleSetArgs;
import com.pulumi.azurenative.storage.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;
import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * Where Azure Cache for Redis Premium writes its persistence files
 * (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-how-to-premium-persistence), and the
 * identity it writes them with.
 *
 * <p>The guide asks for AOF and RDB. Azure Cache for Redis Premium takes one of them, not both, and AOF
 * not with more than one replica ("Can I have AOF persistence enabled if I have more than one replica?
 * No"); production runs two replicas across zones 1-3, so the choice is RDB, at the shortest interval
 * offered (15 minutes) to come as close to AOF's loss window as the service allows. In the pinned
 * azure-native SDK (API 2023-04-01 for Microsoft.Cache/redis) persistence authenticates with a storage key
 * (SAS) or a managed identity ({@code preferred-data-persistence-auth-method}); a key would live in the
 * cache's configuration and break with key rotation, so it is a managed identity: a user-assigned one,
 * created and granted Storage Blob Data Contributor on this account before the cache, so persistence
 * works from the cache's first backup (https://learn.microsoft.com/azure/azure-cache-for-redis/cache-managed-identity).
 *
 * <p>The account: its own, apart from the backups account, because Azure strongly discourages blob soft
 * delete under persistence (every 15-minute snapshot would be kept as a deleted copy) and the backups
 * account has it on. Instead it is protected and retained in Pulumi like every data store; shared keys
 * off (the identity is the only writer), TLS 1.2, no public blobs, network access denied except to trusted
 * Azure services, which a cache writing with its managed identity is. Zone-redundant like the cache.
 */
public final class RedisPersistence extends ComponentResource {
    /** RDB snapshot interval in minutes; Azure offers 15, 30, 60, 360, 720 and 1440. */
    static final String RDB_FREQUENCY_MINUTES = "15";
    /** Storage Blob Data Contributor: read and write the snapshot blobs, nothing else on the account. */
    static final String BLOB_WRITER = AzureRoles.STORAGE_BLOB_DATA_CONTRIBUTOR;

    private final Output<String> identityId;
    private final String blobEndpoint;
    private final Resource grant;

    /** @param account the storage account name (3-24 lower-case letters and digits, globally unique) */
    public RedisPersistence(String name, String account, Output<String> resourceGroup, String location, Output<String> subscriptionId,
                            ComponentResourceOptions options) {
        super("voiceplane:azure:RedisPersistence", name, options);
        if (!account.matches("[a-z0-9]{3,24}")) {
            throw new IllegalArgumentException("'" + account + "' is not a storage account name (3-24 lower-case letters and digits)");
        }
        var storage = new StorageAccount(name, StorageAccountArgs.builder()
                .resourceGroupName(resourceGroup).location(location).accountName(account)
                .kind("StorageV2").sku(SkuArgs.builder().name("Standard_ZRS").build())
                .minimumTlsVersion("TLS1_2").enableHttpsTrafficOnly(true)
                .allowBlobPublicAccess(false).allowSharedKeyAccess(false)
                .networkRuleSet(NetworkRuleSetArgs.builder().defaultAction(com.pulumi.azurenative.storage.enums.DefaultAction.Deny)
                        .bypass("AzureServices").build())
                .build(), holdsData(this));
        var identity = new UserAssignedIdentity(name + "-identity", UserAssignedIdentityArgs.builder()
                .resourceGroupName(resourceGroup).location(location).resourceName(name + "-identity").build(), child(this));
        this.grant = AzureRoles.assign(this, name + "-writer", identity.principalId(), subscriptionId, BLOB_WRITER, storage.id());
        this.identityId = identity.id();
        // With a managed identity the "connection string" is the blob endpoint alone: no key in it.
        this.blobEndpoint = "https://" + account + ".blob.core.windows.net/";
        registerOutputs(Map.of());
    }

    /** The identity's resource id, for the cache's {@code identity.userAssignedIdentities}. */
    public Output<String> identityId() {
        return identityId;
    }

    public String blobEndpoint() {
        return blobEndpoint;
    }

    /** The role assignment the cache must wait for. */
    public Resource grant() {
        return grant;
    }
}
