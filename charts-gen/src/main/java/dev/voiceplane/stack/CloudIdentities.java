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
 * @param serviceIdentities service name to the client id of its own Azure workload identity, for the services
 *                        that call Azure AI with Microsoft Entra tokens (their ServiceAccount is annotated with it
 *                        and their pods labelled for the workload identity webhook); deploy-time values from infra
 * @param speechResourceId the Azure Speech account's resource id, which Entra tokens on the Speech REST APIs name
 *                        ({@code AZURE_SPEECH_RESOURCE_ID}); empty when keys are used or off Azure
 */
public record CloudIdentities(String vaultUrl, String vaultIdentity, String backupBucket, String backupAccount,
                              String backupIdentity, String efsFileSystemId, String tenantId,
                              java.util.Map<String, String> serviceIdentities, String speechResourceId) {
    public static final CloudIdentities NONE = new CloudIdentities("", "", "", "", "", "", "");

    public CloudIdentities {
        serviceIdentities = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(serviceIdentities));
        java.util.Objects.requireNonNull(speechResourceId, "speechResourceId");
    }

    /** Without service identities (keys, or no Azure AI). */
    public CloudIdentities(String vaultUrl, String vaultIdentity, String backupBucket, String backupAccount,
                           String backupIdentity, String efsFileSystemId, String tenantId) {
        this(vaultUrl, vaultIdentity, backupBucket, backupAccount, backupIdentity, efsFileSystemId, tenantId, java.util.Map.of(), "");
    }

    /** The same, with the AI callers' identities and the Speech resource they call. */
    public CloudIdentities withAiIdentities(java.util.Map<String, String> serviceIdentities, String speechResourceId) {
        return new CloudIdentities(vaultUrl, vaultIdentity, backupBucket, backupAccount, backupIdentity, efsFileSystemId, tenantId,
                serviceIdentities, speechResourceId);
    }
}
