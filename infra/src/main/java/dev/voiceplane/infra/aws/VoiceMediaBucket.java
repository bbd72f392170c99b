package dev.voiceplane.infra.aws;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.voiceplane.catalog.Names;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;
import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * The S3 bucket BharatVoice's voice recordings pass through on their way to Amazon Transcribe, which
 * reads media only from S3 in its own region (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html),
 * so in the stack's region: private ({@link PrivateBucket}: SSE-KMS with the stack's key, no public access, TLS only), no
 * versioning, so a deleted recording is gone. The worker deletes each job's media and transcript when
 * the job ends; a lifecycle rule expires anything left under {@code voice/} after a day (a worker that
 * died mid-job), so no one's voice stays here at rest.
 */
public final class VoiceMediaBucket extends ComponentResource {
    /** The worker's key prefix ({@code AwsVoice.Builder.prefix}). */
    public static final String PREFIX = Names.VOICE_MEDIA_PREFIX;
    static final int EXPIRE_DAYS = 1;

    private final Output<String> arn;

    public VoiceMediaBucket(String name, String bucket, Output<String> kmsKeyArn, ComponentResourceOptions options) {
        super("voiceplane:aws:VoiceMediaBucket", name, options);
        // Users' recordings in transit: never force-destroyed with objects in it.
        var b = new BucketV2(name, BucketV2Args.builder().bucket(bucket).forceDestroy(false).build(), holdsData(this));
        CustomResourceOptions config = child(this);
        PrivateBucket.secure(this, name, b, kmsKeyArn);
        // The backstop for media a job could not delete: a day, then gone.
        new BucketLifecycleConfigurationV2(name, BucketLifecycleConfigurationV2Args.builder().bucket(b.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder().id("expire-voice").status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix(PREFIX).build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(EXPIRE_DAYS).build())
                        .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                .daysAfterInitiation(1).build())
                        .build())
                .build(), config);
        this.arn = b.arn();
        registerOutputs(Map.of("arn", arn));
    }

    public Output<String> arn() {
        return arn;
    }
}
