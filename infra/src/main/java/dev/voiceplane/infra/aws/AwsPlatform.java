package dev.voiceplane.infra.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.voiceplane.infra.NodePools;
import dev.voiceplane.infra.Platform;
import dev.voiceplane.infra.StackKeys;
import dev.voiceplane.infra.WorkloadAccounts;
import dev.voiceplane.stack.DataStoreMode;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.synth.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * Everything BharatVoice runs on in AWS, all in the stack's region (the parser allows only ap-south-1
 * and ap-south-2: guide, "Data Residency"), through one AWS provider pinned to that region so no
 * resource can land elsewhere whatever the operator's default region. PostgreSQL and Redis run in the
 * cluster as the guide's StatefulSets; infra gives them the backup bucket, the shared file system and
 * the identities. Role and bucket names are the ones the stack file already carries, so those keys
 * stay true after {@code pulumi up}; the EFS id is an output to copy in (infra/README.md).
 */
public final class AwsPlatform extends ComponentResource implements Platform {
    static final String ROLE_MARK = ":role/";

    private final EksCluster cluster;
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();

    public AwsPlatform(String name, StackKeys keys, List<Manifest> manifests, ComponentResourceOptions options) {
        super("voiceplane:aws:Platform", name, options);
        StackConfig stack = keys.stack();
        if (stack.dataStores() == DataStoreMode.MANAGED) {
            throw keys.problem("dataStores", "'managed' is not provisioned on aws: the BharatVoice guide runs PostgreSQL and Redis "
                    + "in the cluster with backups to S3; use in-cluster");
        }
        String region = stack.region();
        String system = stack.namespace();
        String vaultRole = roleName(keys, "vault.identity", stack.cloudIdentities().vaultIdentity());
        String backupRole = roleName(keys, "backups.identity", stack.cloudIdentities().backupIdentity());
        String bucket = stack.cloudIdentities().backupBucket();
        if (bucket.isEmpty()) {
            throw keys.problem("backups.bucket", "is required on aws: the S3 bucket infra creates for backups");
        }
        List<String> repositories = ecrRepositories(keys, manifests);

        // Every AWS resource of the stack goes through this provider: the region is the stack's, never ambient.
        var aws = new Provider(name + "-aws", ProviderArgs.builder().region(region)
                .defaultTags(com.pulumi.aws.inputs.ProviderDefaultTagsArgs.builder()
                        .tags(Map.of("voiceplane:stack", stack.name(), "voiceplane:system", system)).build())
                .build(), child(this));
        ComponentResourceOptions inside = ComponentResourceOptions.builder().parent(this).providers(aws).build();

        var key = new DataKey(name, inside);
        var network = new AwsNetwork(name, name, List.of(region + "a", region + "b", region + "c"), inside);
        cluster = new EksCluster(name, region, network.privateSubnetIds(), key.arn(), NodePools.of(stack), inside);
        var backups = new BackupBucket(name + "-backups", bucket, system, key.arn(), inside);
        var efs = new SharedFileSystem(name + "-shared-files", network.vpcId(), network.cidr(), network.privateSubnetIds(),
                key.arn(), inside);
        var secrets = new AppSecrets(name + "-secrets", system + "/" + stack.environment().id(), inside);

        // The External Secrets Operator reads the one secret of this stack, nothing else.
        var eso = new ServiceAccountRole(name + "-external-secrets", vaultRole, cluster.oidcProviderArn(), cluster.oidcIssuerHost(),
                WorkloadAccounts.subject(manifests, WorkloadAccounts.AWS_ROLE_ARN, stack.cloudIdentities().vaultIdentity(),
                        "system:serviceaccount:" + system + ":" + system + "-vault-reader"),
                Optional.of(secrets.arn().applyValue(AwsPlatform::secretReaderPolicy)), Optional.empty(), inside);
        // The backup jobs write (and prune, as backup.sh does) under their system's prefix of the one bucket.
        var writer = new ServiceAccountRole(name + "-backups", backupRole, cluster.oidcProviderArn(), cluster.oidcIssuerHost(),
                WorkloadAccounts.subject(manifests, WorkloadAccounts.AWS_ROLE_ARN, stack.cloudIdentities().backupIdentity(),
                        "system:serviceaccount:" + system + ":" + system + "-backup"),
                Optional.of(Output.tuple(backups.arn(), key.arn()).applyValue(t -> backupWriterPolicy(t.t1, system, t.t2))),
                Optional.empty(), inside);

        if (!repositories.isEmpty()) {
            var ecr = new ImageRepositories(name, repositories, inside);
            outputs.put("registry", ecr.registry());
        }
        outputs.put("vaultIdentity", eso.arn());
        outputs.put("backupBucket", backups.bucketName());
        outputs.put("backupIdentity", writer.arn());
        outputs.put("efsFileSystemId", efs.id());
        outputs.put("clusterName", cluster.clusterName());
        outputs.put("region", Output.of(region));
        registerOutputs(Map.copyOf(outputs));
    }

    static String secretReaderPolicy(String secretArn) {
        return IamPolicy.create()
                .allow(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), List.of(secretArn))
                .json();
    }

    static String backupWriterPolicy(String bucketArn, String system, String keyArn) {
        return IamPolicy.create()
                .allow(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), List.of(bucketArn + "/" + system + "/*"))
                .allow(List.of("s3:ListBucket"), List.of(bucketArn),
                        Map.of("StringLike", Map.of("s3:prefix", List.of(system + "/*"))))
                // SSE-KMS: a data key per object; Decrypt for multipart uploads and for restores.
                .allow(List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(keyArn))
                .json();
    }

    /** The role name in the stack's ARN (arn:aws:iam::<account>:role/<name>): infra creates the role under that name. */
    static String roleName(StackKeys keys, String key, String arn) {
        int at = arn.indexOf(ROLE_MARK);
        if (at < 0) {
            throw keys.problem(key, "is required on aws: the IAM role ARN infra creates, e.g. arn:aws:iam::123456789012:role/"
                    + keys.stack().name() + "-" + (key.startsWith("vault") ? "external-secrets" : "backups"));
        }
        return arn.substring(at + ROLE_MARK.length());
    }

    /** The image repositories the manifests pull from the stack's ECR registry; none for another registry. */
    static List<String> ecrRepositories(StackKeys keys, List<Manifest> manifests) {
        String registry = keys.stack().images().registry();
        if (!registry.contains(".dkr.ecr.")) {
            return List.of();
        }
        String expected = ".dkr.ecr." + keys.stack().region() + ".amazonaws.com";
        if (!registry.endsWith(expected)) {
            throw keys.problem("images.registry", "must be the ECR registry of the stack's region (<account>" + expected
                    + "), so images stay in " + keys.stack().region() + "; got '" + registry + "'");
        }
        TreeSet<String> repositories = new TreeSet<>();
        String prefix = registry + "/";
        for (Manifest m : manifests) {
            for (var o : m.objects()) {
                o.findValues("image").forEach(image -> {
                    String ref = image.asText("");
                    if (ref.startsWith(prefix)) {
                        String rest = ref.substring(prefix.length());
                        int colon = rest.lastIndexOf(':');
                        repositories.add(colon < 0 ? rest : rest.substring(0, colon));
                    }
                });
            }
        }
        return List.copyOf(repositories);
    }

    @Override
    public Optional<Output<String>> kubeconfig() {
        return Optional.of(cluster.kubeconfig());
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return outputs;
    }
}
