package dev.voiceplane.infra.aws;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;
import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * The stack's customer-managed KMS key (guide: "Encryption at rest"): S3 backups (SSE-KMS), the EFS
 * file system and the cluster's Kubernetes Secrets are encrypted with it. Deleting it would make all
 * of them unreadable, so it is protected like the data itself; yearly rotation on; a 30-day deletion
 * window, the longest KMS allows, in case it is ever scheduled for deletion.
 */
public final class DataKey extends ComponentResource {
    static final int DELETION_WINDOW_DAYS = 30;

    private final Output<String> arn;

    public DataKey(String name, ComponentResourceOptions options) {
        super("voiceplane:aws:DataKey", name, options);
        var key = new Key(name, KeyArgs.builder().description("voiceplane " + name + ": backups, EFS, Kubernetes Secrets")
                .enableKeyRotation(true).deletionWindowInDays(DELETION_WINDOW_DAYS).build(), holdsData(this));
        // A readable name in the console and in `aws kms` commands.
        new Alias(name, AliasArgs.builder().name("alias/" + name).targetKeyId(key.keyId()).build(), child(this));
        this.arn = key.arn();
        registerOutputs(Map.of("arn", arn));
    }

    public Output<String> arn() {
        return arn;
    }
}
