package dev.voiceplane.stack;

/**
 * The cloud resources and workload identities the cluster objects reference (stack keys
 * {@code voiceplane:vault} and {@code voiceplane:backups}); infra creates them and writes the
 * values into the stack file. Empty strings on a stack without a cloud.
 *
 * @param vaultUrl        Azure Key Vault URL ({@code https://<name>.vault.azure.net/}); empty on AWS,
 *                        where Secrets Manager is addressed by region
 * @param vaultIdentity   who the External Secrets Operator reads the vault as: an Azure workload
 *                        identity client id, or an AWS IAM role ARN (IRSA)
 * @param backupBucket    S3 bucket (AWS) or blob container (Azure) backups are uploaded to
 * @param backupAccount   Azure storage account of the container; empty on AWS
 * @param backupIdentity  who the backup jobs write as: client id (Azure) or role ARN (AWS)
 * @param efsFileSystemId the EFS file system shared-file volumes are carved from (AWS, stack key
 *                        {@code voiceplane:storage.efsFileSystemId}); empty elsewhere
 * @param tenantId        the Microsoft Entra tenant the Azure workload identities belong to (stack key
 *                        {@code voiceplane:vault.tenantId}, a UUID); the token exchange of workload
 *                        identity needs it. Empty off Azure.
 */
public record CloudIdentities(String vaultUrl, String vaultIdentity, String backupBucket, String backupAccount,
                              String backupIdentity, String efsFileSystemId, String tenantId) {
    public static final CloudIdentities NONE = new CloudIdentities("", "", "", "", "", "", "");
}
