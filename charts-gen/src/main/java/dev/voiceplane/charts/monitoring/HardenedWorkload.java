package dev.voiceplane.charts.monitoring;

import dev.voiceplane.charts.Hardening;
import dev.voiceplane.charts.HardenedPod;
import dev.voiceplane.charts.JsiiValues;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.ContainerPort;
import org.cdk8s.plus33.k8s.DaemonSetSpec;
import org.cdk8s.plus33.k8s.DeploymentSpec;
import org.cdk8s.plus33.k8s.DeploymentStrategy;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.HttpGetAction;
import org.cdk8s.plus33.k8s.KubeDaemonSet;
import org.cdk8s.plus33.k8s.KubeDeployment;
import org.cdk8s.plus33.k8s.KubeService;
import org.cdk8s.plus33.k8s.KubeServiceAccount;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimVolumeSource;
import org.cdk8s.plus33.k8s.PodTemplateSpec;
import org.cdk8s.plus33.k8s.Probe;
import org.cdk8s.plus33.k8s.ServicePort;
import org.cdk8s.plus33.k8s.ServiceSpec;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * A third-party workload of the observability stack (Grafana, Jaeger, the OpenTelemetry collector,
 * Loki, Promtail) with its ServiceAccount and, when it has ports, a ClusterIP Service; hardened the
 * way {@link dev.voiceplane.charts.Microservice} hardens our own services: non-root, read-only root
 * filesystem with a memory-backed {@code /tmp}, no privilege escalation, all capabilities dropped,
 * the runtime's seccomp profile ({@link Hardening}), requests and limits, probes, no API token unless
 * it needs the API.
 *
 * <p>The only way out is {@link Builder#hardeningException(String)}: the workload then runs as root
 * (still without capabilities or escalation) and carries the reason as the annotation
 * {@value #HARDENING_EXCEPTION}, so reviewers and policy checks see why.
 */
public final class HardenedWorkload extends Construct {
    /** Annotation naming why a workload cannot run fully hardened. */
    public static final String HARDENING_EXCEPTION = Hardening.EXCEPTION;

    /** A port the workload listens on, served by its Service under the same name. */
    public record Port(String name, int number) {
    }

    /** Deployment (the default) or DaemonSet (one pod per node, e.g. a log shipper). */
    public enum Kind { DEPLOYMENT, DAEMON_SET }

    private HardenedWorkload(Construct scope, String id, Builder b) {
        super(scope, id);
        Map<String, String> selector = Labels.ofWorkload(b.name, b.component);
        boolean exception = b.hardeningException != null;

        KubeServiceAccount.Builder.create(this, "service-account")
                .metadata(meta(b.name, b.namespace, selector, Map.of()))
                .automountServiceAccountToken(b.apiAccess)
                .build();

        List<Volume> volumes = new ArrayList<>(b.volumes);
        List<VolumeMount> mounts = new ArrayList<>(b.mounts);
        volumes.add(HardenedPod.memoryScratch("tmp"));
        mounts.add(VolumeMount.builder().name("tmp").mountPath("/tmp").build());

        Container.Builder container = Container.builder()
                .name(b.name)
                .image(b.image)
                .imagePullPolicy("IfNotPresent")
                .args(b.args)
                .env(b.env)
                .ports(b.ports.stream().map(p -> ContainerPort.builder().name(p.name()).containerPort(p.number())
                        .protocol("TCP").build()).toList())
                .volumeMounts(mounts)
                .resources(HardenedPod.resources(b.resources))
                .securityContext(exception ? Hardening.exceptedRootContainer() : Hardening.container(b.runAs));
        if (b.probePath != null) {
            // Readiness takes a busy pod out of rotation after 30 s; liveness restarts it only after a minute
            // of silence, so an overloaded pod is relieved rather than killed.
            container.readinessProbe(httpProbe(b, 10, 3)).livenessProbe(httpProbe(b, 20, 3));
        }

        // Outside any mesh: the observability stack is reached in plain text (see MeshSidecar).
        PodTemplateSpec template = HardenedPod.builder(b.name, b.runAs, container.build())
                .labels(selector).annotations(b.podAnnotations).apiAccess(b.apiAccess).runAsRoot(exception).volumes(volumes)
                .build();
        Map<String, String> annotations = exception ? Map.of(HARDENING_EXCEPTION, b.hardeningException) : Map.of();
        LabelSelector select = LabelSelector.builder().matchLabels(selector).build();
        if (b.kind == Kind.DAEMON_SET) {
            KubeDaemonSet.Builder.create(this, "daemon-set")
                    .metadata(meta(b.name, b.namespace, selector, annotations))
                    .spec(DaemonSetSpec.builder().selector(select).template(template).revisionHistoryLimit(10).build())
                    .build();
        } else {
            DeploymentSpec.Builder spec = DeploymentSpec.builder().replicas(b.replicas).selector(select).template(template)
                    .revisionHistoryLimit(10);
            if (b.ownsClaim) {
                // A claim one node mounts cannot be held by the old and the new pod at once.
                spec.strategy(DeploymentStrategy.builder().type("Recreate").build());
            }
            KubeDeployment.Builder.create(this, "deployment")
                    .metadata(meta(b.name, b.namespace, selector, annotations))
                    .spec(spec.build())
                    .build();
        }
        if (!b.ports.isEmpty()) {
            KubeService.Builder.create(this, "service")
                    .metadata(meta(b.serviceName == null ? b.name : b.serviceName, b.namespace, selector, Map.of()))
                    .spec(ServiceSpec.builder().type("ClusterIP").selector(selector)
                            .ports(b.ports.stream().map(p -> ServicePort.builder().name(p.name()).port(p.number())
                                    .targetPort(JsiiValues.intOrString(p.name())).protocol("TCP").build()).toList())
                            .build())
                    .build();
        }
    }

    private static Probe httpProbe(Builder b, int periodSeconds, int failureThreshold) {
        return Probe.builder().httpGet(HttpGetAction.builder().path(b.probePath).port(JsiiValues.intOrString(b.probePort)).build())
                .periodSeconds(periodSeconds).failureThreshold(failureThreshold).build();
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
        ObjectMeta.Builder m = ObjectMeta.builder().name(name).namespace(namespace).labels(labels);
        if (!annotations.isEmpty()) {
            m.annotations(new TreeMap<>(annotations));
        }
        return m.build();
    }

    public static Builder builder(String name, String namespace, String image) {
        return new Builder(name, namespace, image);
    }

    /** Fluent props; everything but name, namespace and image has a default. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private final String image;
        private String component = "monitoring";
        private Kind kind = Kind.DEPLOYMENT;
        private int replicas = 1;
        private int runAs = 65534;
        private List<String> args = List.of();
        private List<EnvVar> env = List.of();
        private final List<Port> ports = new ArrayList<>();
        private final List<Volume> volumes = new ArrayList<>();
        private final List<VolumeMount> mounts = new ArrayList<>();
        private final Map<String, String> podAnnotations = new TreeMap<>();
        private ResourceBudget resources = new ResourceBudget("100m", "128Mi", "500m", "512Mi");
        private String probePath;
        private int probePort;
        private boolean apiAccess;
        private String hardeningException;
        private String serviceName;
        private boolean ownsClaim;

        private Builder(String name, String namespace, String image) {
            this.name = Objects.requireNonNull(name, "name");
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.image = Objects.requireNonNull(image, "image");
            if (image.endsWith(":latest") || !image.contains(":")) {
                throw new IllegalArgumentException("workload " + name + " uses image '" + image + "' without a pinned tag; pin a version");
            }
        }

        /** The {@code app.kubernetes.io/component} label; default {@code monitoring}. */
        public Builder component(String v) { component = v; return this; }
        /** Default Deployment. */
        public Builder kind(Kind v) { kind = v; return this; }
        /** Default 1. */
        public Builder replicas(int v) { replicas = v; return this; }
        /** The non-root UID/GID the image is built for; default 65534 (nobody). */
        public Builder runAs(int v) { runAs = v; return this; }
        public Builder args(List<String> v) { args = List.copyOf(v); return this; }
        public Builder env(List<EnvVar> v) { env = List.copyOf(v); return this; }
        public Builder port(String portName, int number) { ports.add(new Port(portName, number)); return this; }
        public Builder volume(Volume v, VolumeMount m) { volumes.add(v); mounts.add(m); return this; }

        /**
         * Keeps the workload's data on {@code claim} at {@code mountPath}; the Deployment then replaces
         * its pod rather than rolling, since the claim mounts on one node at a time.
         */
        public Builder persistentClaim(String claim, String mountPath) {
            ownsClaim = true;
            return volume(Volume.builder().name("data").persistentVolumeClaim(PersistentVolumeClaimVolumeSource.builder()
                    .claimName(claim).build()).build(), VolumeMount.builder().name("data").mountPath(mountPath).build());
        }
        public Builder podAnnotation(String key, String value) { podAnnotations.put(key, value); return this; }
        /** Default 100m/128Mi requested, 500m/512Mi limit. */
        public Builder resources(ResourceBudget v) { resources = v; return this; }
        /** HTTP liveness and readiness probe; none by default. */
        public Builder probe(String path, int port) { probePath = path; probePort = port; return this; }
        /** Mount an API token (for service discovery); default off. */
        public Builder apiAccess(boolean v) { apiAccess = v; return this; }
        /** Name of the Service when it differs from the workload's (the guide's {@code grafana-service}). */
        public Builder serviceName(String v) { serviceName = v; return this; }
        /** Why this workload must run as root; recorded on the object. */
        public Builder hardeningException(String why) {
            if (why == null || why.isBlank()) {
                throw new IllegalArgumentException("workload " + name + ": a hardening exception must say why");
            }
            hardeningException = why;
            return this;
        }

        public HardenedWorkload build(Construct scope, String id) {
            return new HardenedWorkload(scope, id, this);
        }
    }
}
