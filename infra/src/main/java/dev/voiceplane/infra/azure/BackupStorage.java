package dev.voiceplane.infra.azure;

import com.pulumi.azurenative.storage.BlobContainer;
import com.pulumi.azurenative.storage.BlobContainerArgs;
import com.pulumi.azurenative.storage.BlobServiceProperties;
import com.pulumi.azurenative.storage.BlobServicePropertiesArgs;
import com.pulumi.azurenative.storage.inputs.DeleteRetentionPolicyArgs;
import com.pulumi.azurenative.storage.ManagementPolicy;
import com.pulumi.azurenative.storage.ManagementPolicyArgs;
import com.pulumi.azurenative.storage.StorageAccount;
import com.pulumi.azurenative.storage.StorageAccountArgs;
import com.pulumi.azurenative.storage.inputs.DateAfterModificationArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyActionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyBaseBlobArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyDefinitionArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyFilterArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicyRuleArgs;
import com.pulumi.azurenative.storage.inputs.ManagementPolicySchemaArgs;
import com.pulumi.azurenative.storage.inputs.SkuArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.BackupSchedule;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;
import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * Where backups go on Azure: a storage account reachable over TLS 1.2+ only, with no anonymous blob
 * access and no shared keys (uploads use the backup jobs' workload identity), a private container,
 * and a lifecycle rule per backup kind that deletes copies after the retention charts-gen's
 * {@link BackupSchedule} gives them (PostgreSQL and data 30 days, Redis 7), under the same prefixes
 * the jobs upload to ({@code <container>/<system>/<kind>/}). The jobs' identity therefore needs no
 * delete permission of its own for old copies.
 */
public final class BackupStorage extends ComponentResource {
    /** Days a deleted blob or container can be undeleted. */
    static final int SOFT_DELETE_DAYS = 30;
    /** Every backup kind a system can run (the weekly data job included), so each prefix has its rule. */
    static final List<BackupSchedule.Job> KINDS = List.of(BackupSchedule.POSTGRES, BackupSchedule.REDIS, BackupSchedule.DATA);

    private final Output<String> accountName;
    private final Output<String> accountId;
    private final Output<String> containerName;
    private final Output<String> containerId;

    /**
     * @param account   storage account name ({@code voiceplane:backups.account}, or derived from the stack name)
     * @param container container name ({@code voiceplane:backups.bucket}, default {@code backups})
     * @param system    the system id, first path segment under the container
     */
    public BackupStorage(String name, String account, String container, String system, Output<String> resourceGroup,
                         String location, boolean production, ComponentResourceOptions options) {
        super("voiceplane:azure:BackupStorage", name, options);
        // Holds the backups: protected and retained. Zone-redundant in production.
        var storage = new StorageAccount(name, StorageAccountArgs.builder()
                .resourceGroupName(resourceGroup).location(location).accountName(account)
                .kind("StorageV2").sku(SkuArgs.builder().name(production ? "Standard_ZRS" : "Standard_LRS").build())
                .minimumTlsVersion("TLS1_2").enableHttpsTrafficOnly(true)
                .allowBlobPublicAccess(false).allowSharedKeyAccess(false)
                .build(), holdsData(this));
        // The private container the backup jobs write into.
        var blobs = new BlobContainer(name + "-container", BlobContainerArgs.builder()
                .resourceGroupName(resourceGroup).accountName(storage.name()).containerName(container)
                .publicAccess(com.pulumi.azurenative.storage.enums.PublicAccess.None).build(), holdsData(this));
        // A deleted or overwritten backup stays recoverable: soft delete for blobs and containers, and every
        // overwrite keeps the previous version (https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview).
        // The days match the longest retention rule, so a deleting job cannot shorten what is kept.
        new BlobServiceProperties(name + "-blob-service", BlobServicePropertiesArgs.builder()
                .resourceGroupName(resourceGroup).accountName(storage.name()).blobServicesName("default")
                .isVersioningEnabled(true)
                .deleteRetentionPolicy(DeleteRetentionPolicyArgs.builder().enabled(true).days(SOFT_DELETE_DAYS).build())
                .containerDeleteRetentionPolicy(DeleteRetentionPolicyArgs.builder().enabled(true).days(SOFT_DELETE_DAYS).build())
                .build(), child(this));
        // Retention: copies expire by age, one rule per backup kind.
        List<ManagementPolicyRuleArgs> rules = KINDS.stream()
                .map(job -> ManagementPolicyRuleArgs.builder()
                        .name("expire-" + job.kind()).enabled(true).type("Lifecycle")
                        .definition(ManagementPolicyDefinitionArgs.builder()
                                .filters(ManagementPolicyFilterArgs.builder().blobTypes("blockBlob")
                                        .prefixMatch(container + "/" + new Names(system).backupPrefix(job.kind()) + "/").build())
                                .actions(ManagementPolicyActionArgs.builder().baseBlob(ManagementPolicyBaseBlobArgs.builder()
                                        .delete(DateAfterModificationArgs.builder()
                                                .daysAfterModificationGreaterThan((double) job.retentionDays()).build())
                                        .build()).build())
                                .build())
                        .build())
                .toList();
        new ManagementPolicy(name + "-lifecycle", ManagementPolicyArgs.builder()
                .resourceGroupName(resourceGroup).accountName(storage.name()).managementPolicyName("default")
                .policy(ManagementPolicySchemaArgs.builder().rules(rules).build())
                .build(), child(this));
        this.accountName = storage.name();
        this.accountId = storage.id();
        this.containerName = blobs.name();
        this.containerId = blobs.id();
        registerOutputs(Map.of("account", accountName, "container", containerName));
    }

    /** The storage account's resource id. */
    public Output<String> accountId() {
        return accountId;
    }

    public Output<String> accountName() {
        return accountName;
    }

    public Output<String> containerName() {
        return containerName;
    }

    /** The scope the backup identity's role is granted on: this container, not the account. */
    public Output<String> containerId() {
        return containerId;
    }
}
