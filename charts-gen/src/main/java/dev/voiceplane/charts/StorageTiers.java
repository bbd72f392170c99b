package dev.voiceplane.charts;

import dev.voiceplane.stack.Cloud;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.KubePersistentVolumeClaim;
import org.cdk8s.plus33.k8s.KubeStorageClass;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimSpec;
import org.cdk8s.plus33.k8s.VolumeResourceRequirements;
import software.constructs.Construct;

/**
 * The cluster's storage classes for the stack's cloud, and the volumes a system claims on them ({@link #claim}).
 *
 * <table>
 *   <caption>Provisioner and parameters per tier and cloud</caption>
 *   <tr><th>tier</th><th>Azure</th><th>AWS</th><th>local</th></tr>
 *   <tr><td>fast-ssd</td><td>Azure Disk Premium_LRS</td><td>EBS gp3, 300 IOPS per GiB (3000-16000), 250 MiB/s</td><td rowspan="4">local-path</td></tr>
 *   <tr><td>standard-ssd</td><td>Azure Disk StandardSSD_LRS</td><td>EBS gp3 (3000 IOPS baseline)</td></tr>
 *   <tr><td>bulk-storage</td><td>Azure Disk Standard_LRS (HDD)</td><td>EBS st1 (throughput HDD)</td></tr>
 *   <tr><td>shared-files</td><td>Azure Files Standard_LRS</td><td>EFS access point</td></tr>
 * </table>
 *
 * <p>Every class keeps its volumes when a claim is deleted ({@code Retain}): a mistaken
 * {@code kubectl delete pvc} or prune must not destroy a database. Disks bind only when a pod is
 * scheduled ({@code WaitForFirstConsumer}), so each is created in the zone its pod runs in; cloud
 * disks and file shares may grow in place. Cloud disks are encrypted at rest (guide: "Encryption at
 * rest for persistent volumes"): Azure disks always are, EBS volumes because we ask.
 *
 * <p>Claims carry {@value #HOLDS_DATA} so apply and prune never delete them without an explicit flag.
 *
 * <p>StorageClasses are cluster-wide: two systems sharing a cluster get identical classes for the
 * same cloud, and whichever stack applied them last owns their labels. So this construct belongs in
 * the {@link Component#CLUSTER} chart, and the claims ({@link #claim}) in the system's own. The
 * claims in {@link Props} are checked against the classes: a claim that replicas on several nodes
 * mount together ({@link Claim#shared}) must be on a tier whose provisioner attaches a volume to
 * many nodes ({@link #MANY_NODE_PROVISIONERS}); on a disk it would attach to the first pod's node
 * and every pod elsewhere would wait on a Multi-Attach error.
 */
public final class StorageTiers extends Construct {
    /** Annotation on every object that holds data; apply and prune leave such objects alone. */
    public static final String HOLDS_DATA = "voiceplane.dev/holds-data";
    /** The default provisioner of kind, k3d and Rancher Desktop clusters. */
    public static final String LOCAL_PROVISIONER = "rancher.io/local-path";
    /** IOPS per GiB of fast-ssd on EBS gp3 (at most 500). */
    static final int FAST_SSD_IOPS_PER_GIB = 300;
    /**
     * The provisioners whose volumes pods on several nodes mount read-write at once (ReadWriteMany):
     * the file services. Azure Disk and EBS volumes attach to one node at a time (ReadWriteOnce); the
     * CSI drivers table lists them as "Read/Write Single Pod" and Azure Files and EFS as "Read/Write
     * Multiple Pods" (https://kubernetes-csi.github.io/docs/drivers.html, and
     * https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes).
     */
    static final Set<String> MANY_NODE_PROVISIONERS = Set.of("file.csi.azure.com", "efs.csi.aws.com");

    /**
     * A volume claimed on a tier.
     *
     * @param name claim name
     * @param tier where it lives
     * @param size e.g. {@code 50Gi}
     * @param unbackedBecause why no backup job copies the volume (a cache that refills, logs kept
     *                        elsewhere), written on the claim as the waiver validate lists; empty when
     *                        a backup covers it
     * @param shared          whether pods on different nodes mount it together (every replica of a
     *                        scaled Deployment), which only a file service allows
     */
    public record Claim(String name, StorageTier tier, String size, Optional<String> unbackedBecause, boolean shared) {
        public Claim {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(size, "size");
            if (unbackedBecause.filter(String::isBlank).isPresent()) {
                throw new IllegalArgumentException("claim " + name + ": a volume left without backup must say why");
            }
        }

        /** A claim a backup job covers (or that holds nothing to lose). */
        public Claim(String name, StorageTier tier, String size) {
            this(name, tier, size, Optional.empty(), false);
        }

        /** A claim no backup job copies, and why that is fine. */
        public static Claim unbacked(String name, StorageTier tier, String size, String because) {
            return new Claim(name, tier, size, Optional.of(because), false);
        }

        /** This claim, mounted by pods on several nodes at once. */
        public Claim sharedAcrossNodes() {
            return new Claim(name, tier, size, unbackedBecause, true);
        }
    }

    /** The cluster's storage classes and the claims checked against them. Required: the cloud. */
    public static final class Props {
        private final Cloud cloud;
        private final String efsFileSystemId;
        private final int runAs;
        private final List<Claim> claims;

        private Props(Builder b) {
            cloud = b.cloud;
            efsFileSystemId = b.efsFileSystemId;
            runAs = b.runAs;
            claims = List.copyOf(b.claims);
        }

        /** @param cloud which provisioners */
        public static Builder builder(Cloud cloud) {
            return new Builder(cloud);
        }

        public Cloud cloud() {
            return cloud;
        }

        public String efsFileSystemId() {
            return efsFileSystemId;
        }

        public int runAs() {
            return runAs;
        }

        public List<Claim> claims() {
            return claims;
        }

        public static final class Builder {
            private final Cloud cloud;
            private String efsFileSystemId = "";
            private int runAs = Microservice.RUN_AS;
            private List<Claim> claims = List.of();

            private Builder(Cloud cloud) {
                this.cloud = Objects.requireNonNull(cloud, "cloud");
            }

            /**
             * The EFS file system shared files are carved from (AWS). Default empty: on AWS infra creates the
             * file system and synthesizes again with its id (StackConfig.withDeployTimeValues).
             */
            public Builder efsFileSystemId(String efsFileSystemId) {
                this.efsFileSystemId = Objects.requireNonNull(efsFileSystemId, "efsFileSystemId");
                return this;
            }

            /** The UID/GID owning shared-file directories (EFS access points). Default {@link Microservice#RUN_AS}. */
            public Builder runAs(int runAs) {
                this.runAs = runAs;
                return this;
            }

            /**
             * The system's volumes outside StatefulSets, checked against the classes: a shared claim must be
             * on a tier pods on several nodes can mount. Default none.
             */
            public Builder claims(List<Claim> claims) {
                this.claims = Objects.requireNonNull(claims, "claims");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public StorageTiers(Construct scope, String id, Props props) {
        super(scope, id);
        for (StorageTier tier : StorageTier.values()) {
            KubeStorageClass.Builder sc = KubeStorageClass.Builder.create(this, tier.className())
                    .metadata(ObjectMeta.builder().name(tier.className()).build())
                    .reclaimPolicy("Retain")
                    .volumeBindingMode("WaitForFirstConsumer")
                    // local-path cannot resize; saying otherwise would let a resize request hang.
                    .allowVolumeExpansion(props.cloud() != Cloud.NONE)
                    .provisioner(provisioner(props.cloud(), tier));
            Map<String, String> parameters = parameters(props, tier);
            if (!parameters.isEmpty()) {
                sc.parameters(parameters);
            }
            sc.build();
        }
        Problems.report(this, problems(props));
    }

    /**
     * The shared claims on a tier whose volumes attach to one node. A laptop cluster has a single node,
     * so there every pod mounts a local-path volume.
     */
    static List<String> problems(Props props) {
        if (props.cloud() == Cloud.NONE) {
            return List.of();
        }
        return props.claims().stream()
                .filter(c -> c.shared() && !MANY_NODE_PROVISIONERS.contains(provisioner(props.cloud(), c.tier())))
                .map(c -> "claim '" + c.name() + "' is mounted by pods on several nodes, but " + c.tier().className() + " on "
                        + props.cloud().name().toLowerCase(Locale.ROOT) + " is " + provisioner(props.cloud(), c.tier())
                        + ", whose volumes attach to one node at a time (ReadWriteOnce): pods on any other node would wait on a "
                        + "Multi-Attach error; put the claim on " + StorageTier.SHARED_FILES.className())
                .toList();
    }

    /**
     * The PersistentVolumeClaim for {@code claim}, marked as holding data. For a component that owns
     * its volume (a log store's index) rather than sharing the system's.
     */
    public static KubePersistentVolumeClaim claim(Construct scope, Cloud cloud, String namespace, Claim claim) {
        return KubePersistentVolumeClaim.Builder.create(scope, "claim-" + claim.name())
                .metadata(ObjectMeta.builder().name(claim.name()).namespace(namespace)
                        .annotations(claim.unbackedBecause().map(why -> Map.of(HOLDS_DATA, "true",
                                NetworkPolicies.REASONS + ".backup-and-alert", why)).orElse(Map.of(HOLDS_DATA, "true")))
                        .build())
                .spec(PersistentVolumeClaimSpec.builder()
                        .storageClassName(claim.tier().className())
                        .accessModes(List.of(accessMode(cloud, claim.tier())))
                        .resources(VolumeResourceRequirements.builder()
                                .requests(Map.of("storage", JsiiValues.quantity(claim.size()))).build())
                        .build())
                .build();
    }

    /**
     * How pods may mount a claim on a tier: shared files read-write by many pods; everything else by
     * one node (on a single-node laptop cluster that still lets every replica mount it).
     */
    public static String accessMode(Cloud cloud, StorageTier tier) {
        return tier == StorageTier.SHARED_FILES && cloud != Cloud.NONE ? "ReadWriteMany" : "ReadWriteOnce";
    }

    static String provisioner(Cloud cloud, StorageTier tier) {
        return switch (cloud) {
            case AZURE -> tier == StorageTier.SHARED_FILES ? "file.csi.azure.com" : "disk.csi.azure.com";
            case AWS -> tier == StorageTier.SHARED_FILES ? "efs.csi.aws.com" : "ebs.csi.aws.com";
            case NONE -> LOCAL_PROVISIONER;
        };
    }

    static Map<String, String> parameters(Props props, StorageTier tier) {
        Map<String, String> p = new TreeMap<>();
        switch (props.cloud()) {
            case AZURE -> {
                switch (tier) {
                    case FAST_SSD -> {
                        p.put("skuName", "Premium_LRS");
                        // Read caching suits database pages; Premium disks support it.
                        p.put("cachingMode", "ReadOnly");
                    }
                    case STANDARD_SSD -> p.put("skuName", "StandardSSD_LRS");
                    case BULK -> p.put("skuName", "Standard_LRS");
                    case SHARED_FILES -> p.put("skuName", "Standard_LRS");
                }
            }
            case AWS -> {
                switch (tier) {
                    case FAST_SSD -> {
                        // gp3 allows at most 500 IOPS per GiB (3,000 baseline at any size): a fixed 6000
                        // would be refused for every claim under 12Gi (Redis's 5Gi). IOPS scale with the
                        // claim instead, raised to the 3,000 baseline for small ones and capped at 16,000
                        // by the driver; 300 per GiB gives PostgreSQL's 20Gi the 6000 it had.
                        // https://docs.aws.amazon.com/ebs/latest/userguide/general-purpose.html#gp3-ebs-volume-type
                        // https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/docs/parameters.md
                        p.put("iopsPerGB", Integer.toString(FAST_SSD_IOPS_PER_GIB));
                        p.put("allowAutoIOPSPerGBIncrease", "true");
                        p.put("type", "gp3");
                        // At most 0.25 MiB/s per IOPS: 250 needs 1,000, below the 3,000 every volume gets.
                        p.put("throughput", "250");
                    }
                    case STANDARD_SSD -> p.put("type", "gp3");
                    // Throughput-optimised HDD: cheap sequential I/O for logs and backups. st1 volumes are
                    // 125 GiB at least (https://docs.aws.amazon.com/ebs/latest/userguide/hdd-vols.html);
                    // no AWS stack claims on it today, and StorageClaimLimitsTest fails the first that claims less.
                    case BULK -> p.put("type", "st1");
                    case SHARED_FILES -> {
                        p.put("provisioningMode", "efs-ap");
                        p.put("fileSystemId", props.efsFileSystemId());
                        p.put("directoryPerms", "700");
                        p.put("uid", Integer.toString(props.runAs()));
                        p.put("gid", Integer.toString(props.runAs()));
                    }
                }
                if (tier != StorageTier.SHARED_FILES) {
                    p.put("encrypted", "true");
                    p.put("csi.storage.k8s.io/fstype", "ext4");
                }
            }
            case NONE -> {
            }
        }
        return p;
    }
}
