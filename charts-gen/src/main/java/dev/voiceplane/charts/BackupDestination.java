package dev.voiceplane.charts;

import dev.voiceplane.catalog.Names;
import dev.voiceplane.stack.Cloud;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@link BackupSchedule}'s copies go, and as whom the jobs upload: an S3 bucket with an IAM
 * role (EKS IRSA), a Blob Storage container with a workload identity (AKS), or without a cloud a
 * {@code bulk-storage} claim in the namespace. The identity may be empty in a stack file: infra fills
 * it in at deploy time ({@code StackConfig.withDeployTimeValues}).
 */
public final class BackupDestination {
    /** The size of a laptop's backup claim. */
    static final String LOCAL_CLAIM_SIZE = "20Gi";
    private final Cloud cloud;
    private final String bucket;
    private final String account;
    private final WorkloadIdentity identity;

    private BackupDestination(Cloud cloud, String bucket, String account, String identity) {
        this.cloud = cloud;
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.account = Objects.requireNonNull(account, "account");
        this.identity = WorkloadIdentity.of(cloud, identity);
    }

    /** An S3 bucket, uploaded to as the IAM role {@code roleArn} (annotated on the jobs' ServiceAccount). */
    public static BackupDestination s3(String bucket, String roleArn) {
        return new BackupDestination(Cloud.AWS, bucket, "", roleArn);
    }

    /** A Blob Storage container of {@code account}, uploaded to as the workload identity {@code clientId}. */
    public static BackupDestination blob(String account, String container, String clientId) {
        return new BackupDestination(Cloud.AZURE, container, account, clientId);
    }

    /** A PersistentVolumeClaim in the namespace, mounted at {@code /backups}: a laptop cluster's. */
    public static BackupDestination claim(String claimName) {
        return new BackupDestination(Cloud.NONE, claimName, "", "");
    }

    public Cloud cloud() {
        return cloud;
    }

    /** The bucket, container or claim name. */
    public String bucket() {
        return bucket;
    }

    /** The Azure storage account; empty elsewhere. */
    public String account() {
        return account;
    }

    /**
     * The {@code bulk-storage} claim copies go to when the destination is a claim, for the system to create
     * beside its other volumes; empty for a cloud destination.
     */
    public Optional<StorageTiers.Claim> volume() {
        return cloud == Cloud.NONE ? Optional.of(new StorageTiers.Claim(bucket, StorageTier.BULK, LOCAL_CLAIM_SIZE)) : Optional.empty();
    }

    /** Where one job's copies of one system go. */
    public String uri(String system, String kind) {
        return switch (cloud) {
            case AWS -> "s3://" + bucket + "/" + new Names(system).backupPrefix(kind);
            case AZURE -> "https://" + account + ".blob.core.windows.net/" + bucket + "/" + new Names(system).backupPrefix(kind);
            case NONE -> "/backups/" + kind;
        };
    }

    /** What the jobs' ServiceAccount carries so the pods get the cloud identity. */
    Map<String, String> accountAnnotations() {
        return identity.accountAnnotations();
    }

    /** What the jobs' pods carry: Azure's webhook injects the identity only into labelled pods. */
    Map<String, String> podLabels() {
        return identity.podLabels();
    }

    /** The store's name for a person: "S3", "Blob Storage", "the claim". */
    String service() {
        return switch (cloud) {
            case AWS -> "S3";
            case AZURE -> "Blob Storage";
            case NONE -> "claim " + bucket;
        };
    }

    /** Empty names, each with its fix. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        switch (cloud) {
            case AWS -> {
                if (bucket.isEmpty()) {
                    problems.add("backups to S3 need a bucket name; give BackupDestination.s3(bucket, roleArn) the stack's backup bucket");
                }
            }
            case AZURE -> {
                if (bucket.isEmpty() || account.isEmpty()) {
                    problems.add("backups to Blob Storage need a storage account and a container, got account '" + account
                            + "' and container '" + bucket + "'; give BackupDestination.blob(account, container, clientId) both");
                }
            }
            case NONE -> {
                if (bucket.isEmpty()) {
                    problems.add("local backups need a claim name; give BackupDestination.claim(name) the bulk-storage claim");
                }
            }
        }
        return problems;
    }
}
