package dev.voiceplane.infra.aws;

import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * What every bucket of a stack keeps to, whatever it holds: SSE-KMS with the stack's key on every
 * object whatever the uploader asks, no ACLs (the bucket owner owns every object), no public access
 * now or through a later ACL or policy, and a policy refusing any request not over TLS (guide:
 * "Encryption in transit for all communications"). Children named as the bucket, parented to {@code owner}.
 */
final class PrivateBucket {

    private PrivateBucket() {
    }

    static void secure(ComponentResource owner, String name, BucketV2 bucket, Output<String> kmsKeyArn) {
        CustomResourceOptions config = child(owner);
        new BucketServerSideEncryptionConfigurationV2(name, BucketServerSideEncryptionConfigurationV2Args.builder().bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder().bucketKeyEnabled(true)
                        .applyServerSideEncryptionByDefault(BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs
                                .builder().sseAlgorithm("aws:kms").kmsMasterKeyId(kmsKeyArn).build())
                        .build())
                .build(), config);
        new BucketOwnershipControls(name, BucketOwnershipControlsArgs.builder().bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build()).build(), config);
        var block = new BucketPublicAccessBlock(name, BucketPublicAccessBlockArgs.builder().bucket(bucket.id())
                .blockPublicAcls(true).blockPublicPolicy(true).ignorePublicAcls(true).restrictPublicBuckets(true).build(), config);
        new BucketPolicy(name, BucketPolicyArgs.builder().bucket(bucket.id())
                .policy(bucket.arn().applyValue(PrivateBucket::tlsOnlyPolicy)).build(),
                CustomResourceOptions.builder().parent(owner).dependsOn(block).build());
    }

    static String tlsOnlyPolicy(String bucketArn) {
        return IamPolicy.create()
                .deny(List.of("s3:*"), List.of(bucketArn, bucketArn + "/*"),
                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))
                .json();
    }
}
