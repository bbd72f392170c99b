package dev.voiceplane.infra.aws;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.voiceplane.infra.Access;
import dev.voiceplane.infra.NodePools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The EKS cluster in the private subnets, Kubernetes Secrets encrypted with the stack's KMS key, one
 * managed node group autoscaling over the three zones, the IAM OIDC provider IRSA roles trust, and
 * the EBS and EFS CSI drivers the charts' storage classes name (ebs.csi.aws.com, efs.csi.aws.com),
 * each with its own IRSA role, and the VPC CNI with its network policy agent on, so the charts'
 * NetworkPolicies are enforced (EKS ignores them otherwise).
 *
 * <p>Access: the public endpoint admits only the operator's networks ({@link Access#cidrs()}); besides
 * the principal that created the cluster, each of {@link Access#admins()} gets an access entry with
 * the cluster-admin policy (https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html).
 * The kubeconfig runs {@code aws eks get-token}, so the AWS CLI v2 must be on the PATH of whoever runs
 * {@code pulumi up} (infra/README.md).
 */
public final class EksCluster extends ComponentResource {
    /** The vpc-cni add-on's configuration: the network policy agent on. */
    static final String VPC_CNI_CONFIGURATION = "{\"enableNetworkPolicy\":\"true\"}";
    /** Spot instance types of the m5.xlarge size class, so one type's shortage does not empty the group. */
    static final List<String> SPOT_TYPES = List.of("m5.xlarge", "m5a.xlarge", "m6i.xlarge", "m6a.xlarge");
    private final Output<String> name;
    private final Output<String> oidcProviderArn;
    private final Output<String> oidcIssuerHost;
    private final Output<String> kubeconfig;
    private final Output<String> nodeSecurityGroupId;
    private final List<Resource> ready = new ArrayList<>();

    public EksCluster(String name, String region, List<Output<String>> privateSubnetIds, Output<String> kmsKeyArn,
                      NodePools pools, Access access, ComponentResourceOptions options) {
        super("voiceplane:aws:EksCluster", name, options);
        // The control plane's own identity.
        var clusterRole = new Role(name + "-cluster", RoleArgs.builder()
                .assumeRolePolicy(IamPolicy.create().trustService("eks.amazonaws.com").json()).build(), child(this));
        var clusterPolicy = new RolePolicyAttachment(name + "-cluster", RolePolicyAttachmentArgs.builder().role(clusterRole.name())
                .policyArn("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy").build(), child(this));
        // The cluster; the API is public only to the operator's networks, for `pulumi up`; nodes use the private endpoint.
        var cluster = new Cluster(name, ClusterArgs.builder().name(name).roleArn(clusterRole.arn())
                .vpcConfig(ClusterVpcConfigArgs.builder().subnetIds(Output.all(privateSubnetIds))
                        .endpointPrivateAccess(true).endpointPublicAccess(true).publicAccessCidrs(access.cidrs()).build())
                .accessConfig(ClusterAccessConfigArgs.builder().authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(true).build())
                .encryptionConfig(ClusterEncryptionConfigArgs.builder().resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(kmsKeyArn).build()).build())
                .enabledClusterLogTypes("api", "audit", "authenticator")
                // Protected: replacing or deleting the cluster takes every workload and volume attachment with it.
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(clusterPolicy).protect(true).build());

        // The nodes' identity: join the cluster, run the VPC CNI, pull from ECR; nothing about the workloads' data.
        var nodeRole = new Role(name + "-nodes", RoleArgs.builder()
                .assumeRolePolicy(IamPolicy.create().trustService("ec2.amazonaws.com").json()).build(), child(this));
        var attachments = List.of("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly").stream()
                .map(p -> (com.pulumi.resources.Resource) new RolePolicyAttachment(name + "-nodes-" + p, RolePolicyAttachmentArgs.builder()
                        .role(nodeRole.name()).policyArn("arn:aws:iam::aws:policy/" + p).build(), child(this)))
                .toList();
        // The workers, one autoscaling group across the three private subnets. The cluster autoscaler owns
        // the size after creation, so a later run must not reset it.
        var workers = new NodeGroup(name + "-workers", NodeGroupArgs.builder().clusterName(cluster.name()).nodeRoleArn(nodeRole.arn())
                .subnetIds(Output.all(privateSubnetIds)).instanceTypes(pools.instanceType()).capacityType("ON_DEMAND")
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(pools.min()).desiredSize(pools.min()).maxSize(pools.max()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(attachments)
                .ignoreChanges(List.of("scalingConfig.desiredSize")).build());
        // Spot capacity for work that tolerates losing a node at two minutes' notice (the guide's batch
        // work): several instance types so one type's shortage does not empty the group, tainted
        // PreferNoSchedule so the scheduler puts critical pods there only when nothing else fits.
        var spot = new NodeGroup(name + "-spot", NodeGroupArgs.builder().clusterName(cluster.name()).nodeRoleArn(nodeRole.arn())
                .subnetIds(Output.all(privateSubnetIds)).instanceTypes(SPOT_TYPES).capacityType("SPOT")
                .labels(Map.of("voiceplane.dev/capacity", "spot"))
                .taints(NodeGroupTaintArgs.builder().key("voiceplane.dev/capacity").value("spot").effect("PREFER_NO_SCHEDULE").build())
                .scalingConfig(NodeGroupScalingConfigArgs.builder().minSize(0).desiredSize(0).maxSize(pools.max()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(attachments)
                .ignoreChanges(List.of("scalingConfig.desiredSize")).build());
        ready.add(workers);

        // Admins besides the creator (CI's deploy role, on-call): cluster-wide admin through access entries.
        for (int i = 0; i < access.admins().size(); i++) {
            String principal = access.admins().get(i);
            var entry = new AccessEntry(name + "-admin-" + i, AccessEntryArgs.builder().clusterName(cluster.name())
                    .principalArn(principal).type("STANDARD").build(), child(this));
            new AccessPolicyAssociation(name + "-admin-" + i, AccessPolicyAssociationArgs.builder().clusterName(cluster.name())
                    .principalArn(principal).policyArn("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy")
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(entry).build());
        }

        Output<String> issuer = cluster.identities().applyValue(ids -> ids.get(0).oidcs().get(0).issuer().orElse(""));
        // IRSA: lets IAM trust tokens the cluster issues to ServiceAccounts.
        var oidc = new OpenIdConnectProvider(name + "-oidc", OpenIdConnectProviderArgs.builder()
                .url(issuer).clientIdLists("sts.amazonaws.com").build(), child(this));
        this.oidcProviderArn = oidc.arn();
        this.oidcIssuerHost = issuer.applyValue(u -> u.replaceFirst("^https://", ""));

        ComponentResourceOptions inside = ComponentResourceOptions.builder().parent(this).build();
        // The EBS CSI driver provisions fast-ssd/standard-ssd volumes; AWS's policy for it, through IRSA.
        var ebsRole = new ServiceAccountRole(name + "-ebs-csi", name + "-ebs-csi", oidcProviderArn, oidcIssuerHost,
                "system:serviceaccount:kube-system:ebs-csi-controller-sa", Optional.empty(),
                Optional.of("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"), inside);
        // Add-ons whose pods run on the workers wait for them: created before, they sit DEGRADED until the
        // create times out (https://docs.aws.amazon.com/eks/latest/userguide/creating-an-add-on.html).
        CustomResourceOptions afterNodes = CustomResourceOptions.builder().parent(this).dependsOn(workers).build();
        ready.add(new Addon(name + "-ebs-csi", AddonArgs.builder().clusterName(cluster.name()).addonName("aws-ebs-csi-driver")
                .serviceAccountRoleArn(ebsRole.arn()).build(), afterNodes));
        // The EFS CSI driver carves shared-files volumes (access points) from the stack's file system.
        var efsRole = new ServiceAccountRole(name + "-efs-csi", name + "-efs-csi", oidcProviderArn, oidcIssuerHost,
                "system:serviceaccount:kube-system:efs-csi-controller-sa", Optional.empty(),
                Optional.of("arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"), inside);
        ready.add(new Addon(name + "-efs-csi", AddonArgs.builder().clusterName(cluster.name()).addonName("aws-efs-csi-driver")
                .serviceAccountRoleArn(efsRole.arn()).build(), afterNodes));
        // The VPC CNI with its network policy agent: without enableNetworkPolicy EKS accepts NetworkPolicies
        // and enforces none (https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html).
        ready.add(new Addon(name + "-vpc-cni", AddonArgs.builder().clusterName(cluster.name()).addonName("vpc-cni")
                .configurationValues(VPC_CNI_CONFIGURATION).resolveConflictsOnUpdate("OVERWRITE").build(), child(this)));

        this.name = cluster.name();
        this.nodeSecurityGroupId = cluster.vpcConfig().applyValue(v -> v.clusterSecurityGroupId().orElse(""));
        // Tokens come from the operator's AWS credentials at each run (aws eks get-token); nothing long-lived is stored.
        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority().applyValue(ca -> ca.data().orElse("")))
                .applyValue(t -> kubeconfig(t.t1, t.t2, t.t3, region)).asSecret();
        registerOutputs(Map.of("name", this.name, "oidcProviderArn", oidcProviderArn));
    }

    static String kubeconfig(String cluster, String endpoint, String caData, String region) {
        return String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: " + cluster,
                "  cluster:",
                "    server: " + endpoint,
                "    certificate-authority-data: " + caData,
                "contexts:",
                "- name: " + cluster,
                "  context: {cluster: " + cluster + ", user: " + cluster + "}",
                "current-context: " + cluster,
                "users:",
                "- name: " + cluster,
                "  user:",
                "    exec:",
                "      apiVersion: client.authentication.k8s.io/v1beta1",
                "      command: aws",
                "      args: [eks, get-token, --cluster-name, " + cluster + ", --region, " + region + "]",
                "");
    }

    /** What workloads on the cluster wait for: the on-demand workers and the add-ons running on them. */
    public List<Resource> ready() {
        return List.copyOf(ready);
    }

    public Output<String> clusterName() {
        return name;
    }

    public Output<String> oidcProviderArn() {
        return oidcProviderArn;
    }

    public Output<String> oidcIssuerHost() {
        return oidcIssuerHost;
    }

    /** The security group EKS puts on nodes; EFS mount targets admit NFS from it. */
    public Output<String> nodeSecurityGroupId() {
        return nodeSecurityGroupId;
    }

    public Output<String> kubeconfig() {
        return kubeconfig;
    }
}
