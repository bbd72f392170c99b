package dev.voiceplane.infra.aws;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.efs.FileSystem;
import com.pulumi.aws.efs.FileSystemArgs;
import com.pulumi.aws.efs.MountTarget;
import com.pulumi.aws.efs.MountTargetArgs;
import com.pulumi.aws.efs.inputs.FileSystemLifecyclePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import java.util.List;
import java.util.Map;

import static dev.voiceplane.infra.DataProtection.child;
import static dev.voiceplane.infra.DataProtection.holdsData;

/**
 * The EFS file system behind the charts' {@code shared-files} storage class (voiceplane:storage.efsFileSystemId):
 * BharatVoice's app replicas share their data directory (models, user files) across zones, which a
 * block volume cannot. Encrypted with the stack's key, a mount target in each private subnet, NFS
 * admitted from inside the VPC only; files untouched for 30 days move to Infrequent Access.
 */
public final class SharedFileSystem extends ComponentResource {
    private final Output<String> id;

    public SharedFileSystem(String name, Output<String> vpcId, String vpcCidr, List<Output<String>> subnetIds,
                            Output<String> kmsKeyArn, ComponentResourceOptions options) {
        super("voiceplane:aws:SharedFileSystem", name, options);
        // The shared data itself: protected and retained.
        var fs = new FileSystem(name, FileSystemArgs.builder().encrypted(true).kmsKeyId(kmsKeyArn)
                .performanceMode("generalPurpose").throughputMode("elastic")
                .lifecyclePolicies(FileSystemLifecyclePolicyArgs.builder().transitionToIa("AFTER_30_DAYS").build())
                .tags(Map.of("Name", name)).build(), holdsData(this));
        // NFS from the VPC (nodes and pods) only.
        var sg = new SecurityGroup(name + "-nfs", SecurityGroupArgs.builder().vpcId(vpcId)
                .description("NFS to " + name + " from the VPC")
                .ingress(SecurityGroupIngressArgs.builder().protocol("tcp").fromPort(2049).toPort(2049)
                        .cidrBlocks(vpcCidr).description("NFS").build())
                .build(), child(this));
        for (int i = 0; i < subnetIds.size(); i++) {
            // One per zone, so pods mount locally in whichever zone they run.
            new MountTarget(name + "-mount-" + i, MountTargetArgs.builder().fileSystemId(fs.id())
                    .subnetId(subnetIds.get(i)).securityGroups(Output.all(sg.id())).build(), child(this));
        }
        this.id = fs.id();
        registerOutputs(Map.of("id", id));
    }

    public Output<String> id() {
        return id;
    }
}
