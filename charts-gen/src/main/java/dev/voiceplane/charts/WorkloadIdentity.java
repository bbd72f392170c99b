package dev.voiceplane.charts;

import dev.voiceplane.stack.Cloud;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who a workload's pods are to their cloud, by the ServiceAccount they run as (a {@link Microservice}'s, the
 * backup jobs' of {@link BackupDestination}, the secret reader's of {@link SecretVault}; infra finds the
 * account by the same annotations): nobody
 * ({@link #NONE}, the default), an Azure workload identity, or an AWS IAM role (IRSA). The identity itself,
 * and the trust naming exactly this ServiceAccount, are infra's; the ids arrive as deploy-time values.
 *
 * <p>Azure (https://azure.github.io/azure-workload-identity/docs/topics/service-account-labels-and-annotations.html):
 * the ServiceAccount carries the identity's client id, and the pods the label that has AKS's webhook project
 * a token and set {@code AZURE_CLIENT_ID}, {@code AZURE_TENANT_ID}, {@code AZURE_FEDERATED_TOKEN_FILE} and
 * {@code AZURE_AUTHORITY_HOST} (the catalog's PLATFORM variables): the webhook mutates labelled pods only.
 *
 * <p>AWS (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html): the
 * ServiceAccount carries the role's ARN; EKS's pod identity webhook then projects a token into every pod
 * running as it and sets {@code AWS_ROLE_ARN} and {@code AWS_WEB_IDENTITY_TOKEN_FILE}, which the AWS SDK's
 * default credential chain reads. No pod label: the annotation alone selects the pods.
 */
public final class WorkloadIdentity {
    public static final String AZURE_CLIENT_ID = "azure.workload.identity/client-id";
    public static final String AZURE_USE = "azure.workload.identity/use";
    /**
     * The Entra tenant of the identity; optional for the webhook (it falls back to its own tenant), but the
     * External Secrets Operator reads it when its SecretStore names no tenant
     * (https://external-secrets.io/latest/provider/azure-key-vault/#workload-identity).
     */
    public static final String AZURE_TENANT_ID = "azure.workload.identity/tenant-id";
    public static final String AWS_ROLE_ARN = "eks.amazonaws.com/role-arn";
    /** What every IAM role ARN starts with (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns). */
    private static final String ROLE_ARN_PREFIX = "arn:aws:iam::";

    /** No cloud identity: the ServiceAccount and the pods carry nothing of the kind. */
    public static final WorkloadIdentity NONE = new WorkloadIdentity(Kind.NONE, "");

    private enum Kind { NONE, AZURE, AWS }

    private final Kind kind;
    private final String id;

    private WorkloadIdentity(Kind kind, String id) {
        this.kind = kind;
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The Azure workload identity (a user-assigned managed identity) with this client id. */
    public static WorkloadIdentity azure(String clientId) {
        return new WorkloadIdentity(Kind.AZURE, clientId);
    }

    /** The IAM role with this ARN, assumed through IRSA. */
    public static WorkloadIdentity awsRole(String roleArn) {
        return new WorkloadIdentity(Kind.AWS, roleArn);
    }

    /**
     * The identity a stack's {@code cloud} uses: an Azure client id, an AWS role ARN, or {@link #NONE} without a
     * cloud (where {@code id} is ignored).
     */
    public static WorkloadIdentity of(Cloud cloud, String id) {
        return switch (cloud) {
            case AZURE -> azure(id);
            case AWS -> awsRole(id);
            case NONE -> NONE;
        };
    }

    /** What the ServiceAccount carries. */
    public Map<String, String> accountAnnotations() {
        return switch (kind) {
            case NONE -> Map.of();
            case AZURE -> Map.of(AZURE_CLIENT_ID, id);
            case AWS -> Map.of(AWS_ROLE_ARN, id);
        };
    }

    /** What the pods carry. */
    public Map<String, String> podLabels() {
        return kind == Kind.AZURE ? Map.of(AZURE_USE, "true") : Map.of();
    }

    /** An id the webhook could not use, with its fix; reported on the construct that holds the identity. */
    List<String> problems(String service) {
        return switch (kind) {
            case NONE -> List.of();
            case AZURE -> id.isBlank() ? List.of("service '" + service + "': empty workload identity client id; give "
                    + "WorkloadIdentity.azure(...) the client id of the service's managed identity") : List.of();
            case AWS -> id.startsWith(ROLE_ARN_PREFIX) ? List.of() : List.of("service '" + service + "': '" + id
                    + "' is not an IAM role ARN; give WorkloadIdentity.awsRole(...) one such as arn:aws:iam::111122223333:role/name");
        };
    }
}
