package dev.voiceplane.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of a cloud stack that exist only once infra has run (workload identity client ids or role
 * ARNs, the Entra tenant they belong to): a stack file may leave them out, and {@code pulumi up} fills them
 * in ({@link StackConfig#withDeployTimeValues}) before it releases the charts. Two consumers must know:
 * <ul>
 *   <li>{@code voiceplane validate} checks what {@code pulumi up} deploys, so it stands well-formed
 *       values in for them (as {@code pulumi preview} shows outputs it cannot know yet) and says so;</li>
 *   <li>{@code voiceplane apply} deploys without Pulumi, so it refuses such a stack, naming the keys:
 *       without them every ExternalSecret fails on the cluster ("missing tenantID", no identity).</li>
 * </ul>
 */
public final class DeployTimeValues {
    /** Stands in for a client id or tenant in validation only; never written to a cluster. */
    public static final String STAND_IN_UUID = "00000000-0000-4000-8000-000000000000";
    /** Stands in for an IAM role ARN (IRSA) in validation only; 000000000000 is no AWS account. */
    public static final String STAND_IN_ROLE = "arn:aws:iam::000000000000:role/voiceplane-deploy-time-value";

    private DeployTimeValues() {
    }

    /** The stack-file keys infra fills in at deploy time and this stack leaves out; empty when none. */
    public static List<String> missing(StackConfig stack) {
        CloudIdentities ids = stack.cloudIdentities();
        List<String> keys = new ArrayList<>();
        if (stack.cloud() == Cloud.NONE) {
            return keys;
        }
        if (ids.vaultIdentity().isEmpty()) {
            keys.add("voiceplane:vault.identity");
        }
        if (stack.cloud() == Cloud.AZURE && ids.tenantId().isEmpty()) {
            keys.add("voiceplane:vault.tenantId");
        }
        if (stack.dataStores() == DataStoreMode.IN_CLUSTER && ids.backupIdentity().isEmpty()) {
            keys.add("voiceplane:backups.identity");
        }
        return keys;
    }

    /** The stack as {@code pulumi up} would release it, with stand-ins for what only infra knows. */
    public static StackConfig withStandIns(StackConfig stack) {
        if (missing(stack).isEmpty()) {
            return stack;
        }
        CloudIdentities ids = stack.cloudIdentities();
        String identity = stack.cloud() == Cloud.AWS ? STAND_IN_ROLE : STAND_IN_UUID;
        return stack.withDeployTimeValues(new CloudIdentities(ids.vaultUrl(), or(ids.vaultIdentity(), identity), ids.backupBucket(),
                ids.backupAccount(), or(ids.backupIdentity(), identity), ids.efsFileSystemId(),
                stack.cloud() == Cloud.AZURE ? or(ids.tenantId(), STAND_IN_UUID) : ids.tenantId()), stack.images().registry());
    }

    private static String or(String value, String standIn) {
        return value.isEmpty() ? standIn : value;
    }
}
