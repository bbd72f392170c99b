package dev.voiceplane.infra.aws;

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
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
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
import dev.voiceplane.infra.NodePools;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.voiceplane.infra.DataProtection.child;

/**
 * The EKS cluster in the private subnets, Kubernetes Secrets encrypted with the stack's KMS key, one
 * managed node group autoscaling over the three zones, the IAM OIDC provider IRSA roles trust, and
 * the EBS and EFS CSI drivers the charts' storage classes name (ebs.csi.aws.com, efs.csi.aws.com),
 * each with its own IRSA role.
 */
public final class EksCluster extends ComponentResource {
    private final Output<String> name;
    private final Output<String> oidcProviderArn;
    private final Output<String> oidcIssuerHost;
    private final Output<String> kubeconfig;
    private final Output<String> nodeSecurityGroupId;

    public EksCluster(String name, String region, List<Output<String>> privateSubnetIds, Output<String> kmsKeyArn,
                      NodePools pools, ComponentResourceOptions options) {
        super("voiceplane:aws:EksCluster", name, options);
        // The control plane's own identity.
        var clusterRole = new Role(name + "-cluster", RoleArgs.builder()
                .assumeRolePolicy(IamPolicy.create().trustService("eks.amazonaws.com").json()).build(), child(this));
        var clusterPolicy = new RolePolicyAttachment(name + "-cluster", RolePolicyAttachmentArgs.builder().role(clusterRole.name())
                .policyArn("arn:aws:iam::aws:policy/AmazonEKSClusterPolicy").build(), child(this));
        // The cluster; the API is public for `pulumi up` from an operator's machine, nodes use the private endpoint.
        var cluster = new Cluster(name, ClusterArgs.builder().name(name).roleArn(clusterRole.arn())
                .vpcConfig(ClusterVpcConfigArgs.builder().subnetIds(Output.all(privateSubnetIds))
                        .endpointPrivateAccess(true).endpointPublicAccess(true).build())
                .accessConfig(ClusterAccessConfigArgs.builder().authenticationMode("API")
                        .bootstrapClusterCreatorAdminPermissions(true).build())
                .encryptionConfig(ClusterEncryptionConfigArgs.builder().resources("secrets")
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(kmsKeyArn).build()).build())
                .enabledClusterLogTypes("api", "audit", "authenticator")
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(clusterPolicy).build());

        // The nodes' identity: join the cluster, run the VPC CNI, pull from ECR; nothing about the workloads' data.
        var nodeRole = new Role(name + "-nodes", RoleArgs.builder()
                .assumeRolePolicy(IamPolicy.create().trustService("ec2.amazonaws.com").json()).build(), child(this));
        var attachments = List.of("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly").stream()
                .map(p -> (com.pulumi.resources.Resource) new RolePolicyAttachment(name + "-nodes-" + p, RolePolicyAttachmentArgs.builder()
                        .role(nodeRole.name()).policyArn("arn:aws:iam::aws:policy/" + p).build(), child(this)))
                .toList();
        // The workers, one autoscaling group across the three private subnets.
        new NodeGroup(name + "-workers", NodeGroupArgs.builder().clusterName(cluster.name()).nodeRoleArn(nodeRole.arn())
                .subnetIds(Output.all(privateSubnetIds)).instanceTypes(pools.instanceType()).capacityType("ON_DEMAND")
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(pools.min()).desiredSize(pools.min()).maxSize(pools.max()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(attachments).build());

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
        new Addon(name + "-ebs-csi", AddonArgs.builder().clusterName(cluster.name()).addonName("aws-ebs-csi-driver")
                .serviceAccountRoleArn(ebsRole.arn()).build(), child(this));
        // The EFS CSI driver carves shared-files volumes (access points) from the stack's file system.
        var efsRole = new ServiceAccountRole(name + "-efs-csi", name + "-efs-csi", oidcProviderArn, oidcIssuerHost,
                "system:serviceaccount:kube-system:efs-csi-controller-sa", Optional.empty(),
                Optional.of("arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"), inside);
        new Addon(name + "-efs-csi", AddonArgs.builder().clusterName(cluster.name()).addonName("aws-efs-csi-driver")
                .serviceAccountRoleArn(efsRole.arn()).build(), child(this));

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
