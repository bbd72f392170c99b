package dev.voiceplane.infra.aws;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.deployment.InvokeOptions;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.infra.Access;
import dev.voiceplane.infra.NodePools;
import dev.voiceplane.infra.kube.ClusterAddons;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.CloudIdentities;
import dev.voiceplane.stack.Environment;
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
 * the identities. The provider is pinned to the account the stack names ({@code allowedAccountIds},
 * and the caller's account is checked against it), so credentials for another account fail the run
 * instead of building the stack there. Role ARNs, the EFS id and the registry are produced here and
 * flow into the charts in the same run ({@link #deployed}); the stack file carries none of them.
 */
public final class AwsPlatform extends ComponentResource implements Platform {
    static final String ROLE_MARK = ":role/";

    private final EksCluster cluster;
    private final Provider aws;
    private final Output<String> vaultRoleArn;
    private final Output<String> backupRoleArn;
    private final Output<String> efsId;
    private final Output<String> registry;
    /** The worker's IRSA role for voice queries; empty when the stack does not speak through AWS. */
    private final Output<String> speechRoleArn;
    private final ClusterAddons.Settings addons;
    private final Map<String, Output<?>> outputs = new LinkedHashMap<>();

    /**
     * @param accountId the account the stack deploys into ({@code voiceplane-infra:awsAccountId})
     * @param access    who may reach the cluster API
     */
    public AwsPlatform(String name, StackKeys keys, List<Manifest> manifests, String accountId, Access access,
                       ComponentResourceOptions options) {
        super("voiceplane:aws:Platform", name, options);
        StackConfig stack = keys.stack();
        if (stack.dataStores() == DataStoreMode.MANAGED) {
            throw keys.problem("dataStores", "'managed' is not provisioned on aws: the BharatVoice guide runs PostgreSQL and Redis "
                    + "in the cluster with backups to S3; use in-cluster");
        }
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException(dev.voiceplane.infra.VoiceplaneInfra.SETTINGS_NAMESPACE + ":"
                    + dev.voiceplane.infra.VoiceplaneInfra.AWS_ACCOUNT_ID + ": '" + accountId + "' is not a 12-digit AWS account id");
        }
        String region = stack.region();
        // The cluster enforces what the stack declares (voiceplane:cluster.networkPolicies): EKS runs the VPC CNI with its network policy agent on.
        if (!stack.clusterFeatures().networkPolicies().equals("vpc-cni")) {
            throw keys.problem("cluster.networkPolicies", "must be vpc-cni on " + stack.cloud().id() + ": EKS runs the VPC CNI with its network policy agent on, got '"
                    + stack.clusterFeatures().networkPolicies() + "'");
        }
        String system = stack.namespace();
        boolean production = stack.environment() == Environment.PRODUCTION;
        String vaultRole = roleName(keys, "vault.identity", stack.cloudIdentities().vaultIdentity(), name + "-external-secrets");
        String backupRole = roleName(keys, "backups.identity", stack.cloudIdentities().backupIdentity(), name + "-backups");
        String bucket = stack.cloudIdentities().backupBucket();
        if (bucket.isEmpty()) {
            throw keys.problem("backups.bucket", "is required on aws: the S3 bucket infra creates for backups");
        }
        List<String> repositories = ecrRepositories(keys, manifests);

        // Every AWS resource of the stack goes through this provider: the region is the stack's, never
        // ambient, and the account must be the stack's (the provider refuses credentials of any other:
        // https://www.pulumi.com/registry/packages/aws/api-docs/provider/#allowedaccountids_nodejs).
        this.aws = new Provider(name + "-aws", ProviderArgs.builder().region(region).allowedAccountIds(accountId)
                .defaultTags(com.pulumi.aws.inputs.ProviderDefaultTagsArgs.builder()
                        .tags(Map.of("voiceplane:stack", stack.name(), "voiceplane:system", system)).build())
                .build(), child(this));
        ComponentResourceOptions inside = ComponentResourceOptions.builder().parent(this).providers(aws).build();
        // Checked here as well, so `voiceplane plan` and the first preview name the mismatch themselves.
        Output<String> account = AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(),
                        InvokeOptions.builder().provider(aws).build())
                .applyValue(id -> checkedAccount(accountId, id.accountId()));

        var key = new DataKey(name, inside);
        // One NAT gateway per zone in production (a zone's loss does not cut the others' egress); one in
        // staging, so both BharatVoice stacks in a region fit the default quota of 5 Elastic IPs
        // (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-eips): 3 + 1.
        var network = new AwsNetwork(name, name, List.of(region + "a", region + "b", region + "c"), production ? 3 : 1, inside);
        cluster = new EksCluster(name, region, network.privateSubnetIds(), key.arn(), NodePools.of(stack), access, inside);
        var backups = new BackupBucket(name + "-backups", bucket, system, key.arn(), inside);
        var efs = new SharedFileSystem(name + "-shared-files", network.vpcId(), network.cidr(), network.privateSubnetIds(),
                key.arn(), inside);
        var secrets = new AppSecrets(name + "-secrets", Names.of(stack.system()).vaultSecret(stack.environment().id()), inside);

        // The External Secrets Operator reads the one secret of this stack, nothing else.
        var eso = new ServiceAccountRole(name + "-external-secrets", vaultRole, cluster.oidcProviderArn(), cluster.oidcIssuerHost(),
                WorkloadAccounts.subject(manifests, Cloud.AWS, stack.cloudIdentities().vaultIdentity(),
                        Names.of(stack.system()).vaultReaderSubject()),
                Optional.of(secrets.arn().applyValue(AwsPlatform::secretReaderPolicy)), Optional.empty(), inside);
        // The backup jobs write (and prune, as backup.sh does) under their system's prefix of the one bucket.
        var writer = new ServiceAccountRole(name + "-backups", backupRole, cluster.oidcProviderArn(), cluster.oidcIssuerHost(),
                WorkloadAccounts.subject(manifests, Cloud.AWS, stack.cloudIdentities().backupIdentity(),
                        Names.of(stack.system()).backupSubject()),
                Optional.of(Output.tuple(backups.arn(), key.arn()).applyValue(t -> backupWriterPolicy(t.t1, system, t.t2))),
                Optional.empty(), inside);
        // The cluster autoscaler (EKS has none built in) resizes the node groups it finds by their tags.
        var autoscaler = new ServiceAccountRole(name + "-cluster-autoscaler", name + "-cluster-autoscaler", cluster.oidcProviderArn(),
                cluster.oidcIssuerHost(), "system:serviceaccount:kube-system:cluster-autoscaler",
                Optional.of(cluster.clusterName().applyValue(AwsPlatform::autoscalerPolicy)), Optional.empty(), inside);

        // Voice queries (SPEECH_PROVIDER aws): the worker transcribes through the media bucket and speaks through Polly, with
        // exactly the calls it makes, in the stack's region. Its ServiceAccount carries this role's ARN (speechIdentity).
        Map<String, String> app = stack.appSettings();
        Output<String> speechRole = Output.of("");
        if ("aws".equals(app.get(dev.voiceplane.catalog.Env.SPEECH_PROVIDER))) {
            var media = new VoiceMediaBucket(name + "-voice-media", app.get(dev.voiceplane.catalog.Env.SPEECH_MEDIA_BUCKET), key.arn(), inside);
            var speech = new ServiceAccountRole(name + "-speech", name + "-speech", cluster.oidcProviderArn(), cluster.oidcIssuerHost(),
                    Names.of(stack.system()).serviceAccountSubject(WORKER),
                    Optional.of(Output.tuple(media.arn(), key.arn(), account).applyValue(t -> speechPolicy(t.t1, t.t2, region, t.t3, Names.of(stack.system())))),
                    Optional.empty(), inside);
            outputs.put("speechIdentity", speech.arn());
            speechRole = speech.arn();
        }
        this.speechRoleArn = speechRole;
        var ecr = new ImageRepositories(name, repositories, inside);
        this.vaultRoleArn = eso.arn();
        this.backupRoleArn = writer.arn();
        this.efsId = efs.id();
        this.registry = repositories.isEmpty() ? Output.of(stack.images().registry()) : ecr.registry();
        this.addons = new ClusterAddons.Settings(true,
                // The in-tree controller makes an internet-facing NLB; Local traffic policy keeps client addresses.
                Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb"),
                Optional.of(new ClusterAddons.Autoscaler(cluster.clusterName(), region, autoscaler.arn())),
                cluster.ready());

        outputs.put("awsAccount", account);
        outputs.put("registry", registry);
        outputs.put("vaultIdentity", eso.arn());
        outputs.put("backupBucket", backups.bucketName());
        outputs.put("backupIdentity", writer.arn());
        outputs.put("efsFileSystemId", efs.id());
        outputs.put("clusterName", cluster.clusterName());
        outputs.put("region", Output.of(region));
        registerOutputs(Map.copyOf(outputs));
    }

    private static final java.util.regex.Pattern ACCOUNT = java.util.regex.Pattern.compile("^\\d{12}$");

    static String checkedAccount(String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("the AWS credentials are for account " + actual + ", but this stack deploys into "
                    + expected + " (voiceplane-infra:awsAccountId); switch credentials (AWS_PROFILE) or fix the setting");
        }
        return actual;
    }

    @Override
    public Output<StackConfig> deployed(StackConfig stack) {
        // The worker's speech role, when there is one, goes on its ServiceAccount (BharatVoice binds serviceIdentities).
        return Output.tuple(vaultRoleArn, backupRoleArn, efsId, registry, speechRoleArn).applyValue(t -> stack.withDeployTimeValues(
                new CloudIdentities("", t.t1, stack.cloudIdentities().backupBucket(), "", t.t2, t.t3, "")
                        .withAiIdentities(t.t5.isEmpty() ? Map.of() : Map.of(WORKER, t.t5), ""), t.t4));
    }

    @Override
    public ClusterAddons.Settings addons() {
        return addons;
    }

    @Override
    public void publish(String domain, List<String> hosts, Output<ClusterAddons.LoadBalancerAddress> ingressAddress) {
        // An NLB is addressed by name; its IPs change.
        var zone = new PublicDnsZone(pulumiResourceName() + "-dns", domain, hosts, ingressAddress.applyValue(a -> a.required(false)),
                ComponentResourceOptions.builder().parent(this).providers(aws).build());
        outputs.put("nameServers", zone.nameServers());
    }

    /** The worker's Deployment and ServiceAccount (catalog). */
    static final String WORKER = "bharatvoice-worker";

    /**
     * The worker's voice calls and nothing more: Transcribe jobs named {@code bharatvoice-*} in this region
     * and account (the service authorises transcription-job ARNs:
     * https://docs.aws.amazon.com/service-authorization/latest/reference/list-amazontranscribe.html); Polly's
     * SynthesizeSpeech, which names no resource of its own, only in this region; the media bucket's
     * {@code voice/} objects, which Transcribe reads and writes with the caller's permissions; and the stack's key
     * for their SSE-KMS encryption.
     */
    static String speechPolicy(String bucketArn, String keyArn, String region, String account, Names names) {
        return IamPolicy.create()
                .allow(List.of("transcribe:StartTranscriptionJob", "transcribe:GetTranscriptionJob", "transcribe:DeleteTranscriptionJob"),
                        List.of("arn:aws:transcribe:" + region + ":" + account + ":transcription-job/" + names.transcriptionJobPrefix() + "*"))
                .allow(List.of("polly:SynthesizeSpeech"), List.of("*"),
                        Map.of("StringEquals", Map.of("aws:RequestedRegion", region)))
                .allow(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), List.of(bucketArn + "/" + VoiceMediaBucket.PREFIX + "*"))
                .allow(List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(keyArn))
                .json();
    }

    static String secretReaderPolicy(String secretArn) {
        return IamPolicy.create()
                .allow(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), List.of(secretArn))
                .json();
    }

    static String backupWriterPolicy(String bucketArn, String system, String keyArn) {
        // Every kind's prefix of the system, and no other system's.
        String everyKind = new Names(system).backupPrefix("*");
        return IamPolicy.create()
                .allow(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"), List.of(bucketArn + "/" + everyKind))
                .allow(List.of("s3:ListBucket"), List.of(bucketArn),
                        Map.of("StringLike", Map.of("s3:prefix", List.of(everyKind))))
                // SSE-KMS: a data key per object; Decrypt for multipart uploads and for restores.
                .allow(List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(keyArn))
                .json();
    }

    /**
     * The cluster autoscaler's documented least privilege: describe anything, but resize and terminate
     * only groups tagged as this cluster's
     * (https://github.com/kubernetes/autoscaler/blob/master/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy).
     */
    static String autoscalerPolicy(String clusterName) {
        return IamPolicy.create()
                .allow(List.of("autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
                        "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags",
                        "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions",
                        "ec2:GetInstanceTypesFromInstanceRequirements", "eks:DescribeNodegroup"), List.of("*"))
                .allow(List.of("autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"), List.of("*"),
                        Map.of("StringEquals", Map.of("aws:ResourceTag/k8s.io/cluster-autoscaler/" + clusterName, "owned")))
                .json();
    }

    /**
     * The IAM role name infra creates: {@code defaultName}, or the name in the stack's ARN when the
     * stack file still carries one ({@code arn:aws:iam::<account>:role/<name>}).
     */
    static String roleName(StackKeys keys, String key, String arn, String defaultName) {
        if (arn.isEmpty()) {
            return defaultName;
        }
        int at = arn.indexOf(ROLE_MARK);
        if (at < 0) {
            throw keys.problem(key, "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), or absent: infra creates "
                    + defaultName + " and hands its ARN to the charts");
        }
        return arn.substring(at + ROLE_MARK.length());
    }

    /**
     * The repositories of the images built from this repository: the references the stack's image
     * settings produce ({@code [registry/]<repository>:<tag>}), not third-party images pulled from
     * elsewhere (postgres, prometheus). None when the stack pulls from a registry that is not ECR.
     */
    static List<String> ecrRepositories(StackKeys keys, List<Manifest> manifests) {
        String registry = keys.stack().images().registry();
        if (!registry.isEmpty() && !registry.contains(".dkr.ecr.")) {
            return List.of();
        }
        if (!registry.isEmpty()) {
            String expected = ".dkr.ecr." + keys.stack().region() + ".amazonaws.com";
            if (!registry.endsWith(expected)) {
                throw keys.problem("images.registry", "must be the ECR registry of the stack's region (<account>" + expected
                        + "), or absent (infra creates it), so images stay in " + keys.stack().region() + "; got '" + registry + "'");
            }
        }
        String suffix = ":" + keys.stack().images().tag();
        String prefix = registry.isEmpty() ? "" : registry + "/";
        TreeSet<String> repositories = new TreeSet<>();
        for (Manifest m : manifests) {
            for (var o : m.objects()) {
                o.findValues("image").forEach(image -> {
                    String ref = image.asText("");
                    if (ref.startsWith(prefix) && ref.endsWith(suffix)) {
                        String repository = ref.substring(prefix.length(), ref.length() - suffix.length());
                        // A first segment with a dot or colon is another registry's host (quay.io/...).
                        String first = repository.contains("/") ? repository.substring(0, repository.indexOf('/')) : repository;
                        if (!first.contains(".") && !first.contains(":")) {
                            repositories.add(repository);
                        }
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
