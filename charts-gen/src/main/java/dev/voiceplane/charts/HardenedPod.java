package dev.voiceplane.charts;

import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PodSpec;
import org.cdk8s.plus33.k8s.PodTemplateSpec;
import org.cdk8s.plus33.k8s.ResourceRequirements;
import org.cdk8s.plus33.k8s.Volume;

/**
 * The one pod template of the workloads voiceplane builds from Kubernetes L1 types (the in-cluster
 * stores, the backup jobs, the observability stack's {@code HardenedWorkload}): a ServiceAccount of its
 * own with no API token unless asked, the pod-level {@link Hardening} for the image's non-root user,
 * and no mesh sidecar (stores speak their own protocols, the observability stack is reached in plain
 * text, and a sidecar never exits, so a Job would never complete). The containers carry their own
 * {@link Hardening#container(int)}.
 */
public final class HardenedPod {
    private HardenedPod() {
    }

    /**
     * @param serviceAccount the pod's own ServiceAccount
     * @param runAs          the image's non-root UID and GID
     * @param container      the one container
     */
    public static Builder builder(String serviceAccount, int runAs, Container container) {
        return new Builder(serviceAccount, runAs, container);
    }

    /** A container's CPU and memory, requested and limited. */
    public static ResourceRequirements resources(ResourceBudget r) {
        return ResourceRequirements.builder()
                .requests(Map.of("cpu", JsiiValues.quantity(r.requestCpu()), "memory", JsiiValues.quantity(r.requestMemory())))
                .limits(Map.of("cpu", JsiiValues.quantity(r.limitCpu()), "memory", JsiiValues.quantity(r.limitMemory())))
                .build();
    }

    /** A 64Mi memory-backed scratch directory: the only writable place beside a read-only root. */
    public static Volume memoryScratch(String name) {
        return Volume.builder().name(name).emptyDir(EmptyDirVolumeSource.builder()
                .medium("Memory").sizeLimit(JsiiValues.quantity("64Mi")).build()).build();
    }

    public static final class Builder {
        private final String serviceAccount;
        private final int runAs;
        private final Container container;
        private Map<String, String> labels = Map.of();
        private Map<String, String> annotations;
        private List<Volume> volumes = List.of();
        private boolean apiAccess;
        private boolean root;
        private String restartPolicy;
        private Integer terminationGracePeriodSeconds;

        private Builder(String serviceAccount, int runAs, Container container) {
            this.serviceAccount = Objects.requireNonNull(serviceAccount, "serviceAccount");
            this.runAs = runAs;
            this.container = Objects.requireNonNull(container, "container");
        }

        /** The pods' labels, to which the mesh opt-out is added. Default none. */
        public Builder labels(Map<String, String> labels) {
            this.labels = Objects.requireNonNull(labels, "labels");
            return this;
        }

        /** The pods' annotations; once given, rendered even when empty. Default: no annotations field. */
        public Builder annotations(Map<String, String> annotations) {
            this.annotations = Objects.requireNonNull(annotations, "annotations");
            return this;
        }

        /** Mounts an API token, for a workload that discovers targets through the API. Default false. */
        public Builder apiAccess(boolean apiAccess) {
            this.apiAccess = apiAccess;
            return this;
        }

        /**
         * Runs the pod as root ({@link Hardening#exceptedRootPod()}), for a workload carrying
         * {@link Hardening#EXCEPTION} only. Default false: the non-root user given to {@link #builder}.
         */
        public Builder runAsRoot(boolean root) {
            this.root = root;
            return this;
        }

        /** Default none. */
        public Builder volumes(List<Volume> volumes) {
            this.volumes = Objects.requireNonNull(volumes, "volumes");
            return this;
        }

        /** Default: Kubernetes' ({@code Always}); a Job's pods say {@code Never}. */
        public Builder restartPolicy(String restartPolicy) {
            this.restartPolicy = Objects.requireNonNull(restartPolicy, "restartPolicy");
            return this;
        }

        /** Default: Kubernetes' 30 s. */
        public Builder terminationGracePeriodSeconds(int seconds) {
            this.terminationGracePeriodSeconds = seconds;
            return this;
        }

        public PodTemplateSpec build() {
            Map<String, String> podLabels = new TreeMap<>(labels);
            podLabels.putAll(MeshSidecar.optOutLabel());
            PodSpec.Builder spec = PodSpec.builder()
                    .serviceAccountName(serviceAccount)
                    .automountServiceAccountToken(apiAccess)
                    .securityContext(root ? Hardening.exceptedRootPod() : Hardening.pod(runAs))
                    .containers(List.of(container))
                    .volumes(volumes);
            if (restartPolicy != null) {
                spec.restartPolicy(restartPolicy);
            }
            if (terminationGracePeriodSeconds != null) {
                spec.terminationGracePeriodSeconds(terminationGracePeriodSeconds);
            }
            ObjectMeta.Builder meta = ObjectMeta.builder().labels(podLabels);
            if (annotations != null) {
                meta.annotations(new TreeMap<>(annotations));
            }
            return PodTemplateSpec.builder()
                    .metadata(meta.build())
                    .spec(spec.build())
                    .build();
        }
    }
}
