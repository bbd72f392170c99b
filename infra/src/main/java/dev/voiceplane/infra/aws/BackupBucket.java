package dev.voiceplane.infra.aws;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2;
import com.pulumi.aws.s3.BucketObjectLockConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketObjectLockConfigurationV2RuleDefaultRetentionArgs;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.BackupSchedule;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;
import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * The S3 bucket BharatVoice's backup jobs upload to (guide: "S3 upload with lifecycle policies",
 * "30-day retention with automated cleanup", Redis "7-day retention"), in the stack's Indian region:
 * versioned, private ({@link PrivateBucket}: SSE-KMS with the stack's key, no public access, TLS only),
 * and one lifecycle rule per backup kind under the prefixes
 * charts-gen's {@link BackupSchedule} writes ({@code <system>/postgres/} 30 days, {@code <system>/redis/}
 * 7 days, {@code <system>/data/} 30 days), old versions a day later.
 *
 * <p>No Standard → IA → Glacier transitions: S3 moves objects to IA after 30 days at the earliest and
 * Glacier bills 90 days minimum, so with 30-day retention the guide's tiers would only cost more.
 */
public final class BackupBucket extends ComponentResource {
    /** Days each backup version is locked: the shortest retention rule (Redis, 7 days). */
    static final int LOCK_DAYS = 7;
    static final List<BackupSchedule.Job> KINDS = List.of(BackupSchedule.POSTGRES, BackupSchedule.REDIS, BackupSchedule.DATA);

    private final Output<String> name;
    private final Output<String> arn;

    /**
     * @param bucket  the bucket name, {@code voiceplane:backups.bucket}
     * @param system  the first prefix segment, as the jobs upload to {@code s3://<bucket>/<system>/<kind>/}
     */
    public BackupBucket(String name, String bucket, String system, Output<String> kmsKeyArn, ComponentResourceOptions options) {
        super("voiceplane:aws:BackupBucket", name, options);
        // The backups themselves: protected and retained; never force-destroyed with objects in it.
        // Object Lock can only be switched on when the bucket is created
        // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html).
        var b = new BucketV2(name, BucketV2Args.builder().bucket(bucket).forceDestroy(false).objectLockEnabled(true).build(),
                holdsData(this));
        CustomResourceOptions config = child(this);
        // Versions: an overwritten or deleted backup stays recoverable until the lifecycle removes it.
        var versioning = new BucketVersioningV2(name, BucketVersioningV2Args.builder().bucket(b.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), config);
        // Every backup version is locked for LOCK_DAYS in governance mode: a stolen backup role (or a bad
        // prune) can add delete markers but cannot destroy a copy before then; the lifecycle rules, all at
        // least this long, still expire them. Governance, not compliance: an admin with
        // s3:BypassGovernanceRetention can still clean up. Needs versioning on first.
        new BucketObjectLockConfigurationV2(name, BucketObjectLockConfigurationV2Args.builder().bucket(b.id())
                .rule(BucketObjectLockConfigurationV2RuleArgs.builder().defaultRetention(
                        BucketObjectLockConfigurationV2RuleDefaultRetentionArgs.builder().mode("GOVERNANCE").days(LOCK_DAYS).build()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(versioning).build());
        PrivateBucket.secure(this, name, b, kmsKeyArn);
        // Retention per backup kind, the same days the jobs' own cleanup uses.
        new BucketLifecycleConfigurationV2(name, BucketLifecycleConfigurationV2Args.builder().bucket(b.id())
                .rules(KINDS.stream().map(job -> BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-" + job.kind()).status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(prefix(system, job)).build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(job.retentionDays()).build())
                        .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                .noncurrentDays(1).build())
                        .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                .daysAfterInitiation(1).build())
                        .build()).toList())
                .build(), config);
        this.name = b.bucket();
        this.arn = b.arn();
        registerOutputs(Map.of("name", this.name));
    }

    /** Where a kind's copies go, as BackupSchedule's DESTINATION ({@code s3://<bucket>/<system>/<kind>}) plus "/". */
    public static String prefix(String system, BackupSchedule.Job job) {
        return new Names(system).backupPrefix(job.kind()) + "/";
    }

    public Output<String> bucketName() {
        return name;
    }

    public Output<String> arn() {
        return arn;
    }
}
