package dev.voiceplane.charts;

import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.stack.Replicas;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.plus33.ServiceAccount;
import org.cdk8s.plus33.k8s.ClientIpConfig;
import org.cdk8s.plus33.k8s.DeploymentSpec;
import org.cdk8s.plus33.k8s.DeploymentStrategy;
import org.cdk8s.plus33.k8s.KubeDeployment;
import org.cdk8s.plus33.k8s.KubeDeploymentProps;
import org.cdk8s.plus33.k8s.KubeService;
import org.cdk8s.plus33.k8s.KubeServiceProps;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.RollingUpdateDeployment;
import org.cdk8s.plus33.k8s.ServicePort;
import org.cdk8s.plus33.k8s.SessionAffinityConfig;
import software.constructs.Construct;

/**
 * One service of the catalog as it runs in the cluster: a Deployment, its ClusterIP Service, a
 * ServiceAccount of its own and, when its replicas may scale, its autoscalers
 * ({@link PodAutoscaling}) and a {@link DisruptionBudget} when it may run two pods or more.
 *
 * <p>Secure without being asked: non-root user 10001, read-only root filesystem (a memory-backed
 * {@code /tmp} is the only writable path), no privilege escalation, all capabilities dropped,
 * the runtime's default seccomp profile, no service-account token mounted. Liveness, readiness and
 * startup probes use the catalog's paths on the service's port. Pods of one service avoid sharing
 * a node and spread over zones ({@link PodPlacement}); with a mesh they get the Istio sidecar. When
 * the catalog says the service migrates, an init container runs the same image with {@code migrate}
 * first, as the guide ran Alembic before the app.
 *
 * <p>Environment variables are exactly the catalog's: STACK values come from {@link Props#stackValues()},
 * CONFIG_MAP keys from {@link Props#configMapName()}, SECRET keys from {@link Props#secretName()} by reference
 * (never a value). Props that contradict each other or the catalog are reported on the construct's
 * node ({@link Problems}), all together at synth.
 *
 * <p>A service that calls its cloud's APIs as itself gets its {@link WorkloadIdentity} on its ServiceAccount
 * (and, on Azure, the webhook's label on its pods) from {@link Props.Builder#workloadIdentity}.
 */
public final class Microservice extends Construct {
    /** Pod annotation holding {@link Props#configVersion()}. */
    public static final String CONFIG_VERSION = "voiceplane.dev/config-sha256";
    /** The non-root UID/GID every service image runs as. */
    public static final int RUN_AS = 10001;
    /**
     * How long a service's own drain takes after SIGTERM: app/core's {@code ServiceRuntime.DRAIN_TIMEOUT}
     * (readiness 503, requests and call turns in flight finish, WebSocket clients told 1001 Going Away).
     */
    public static final int APP_DRAIN_SECONDS = 20;
    /** Beyond the drain: the JVM's exit and the kubelet's own bookkeeping. */
    static final int EXIT_MARGIN_SECONDS = 10;

    /** A PersistentVolumeClaim mounted at a path of the main container. */
    public record ClaimMount(String claim, String path) {
        public ClaimMount {
            Objects.requireNonNull(claim, "claim");
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("mount path of claim " + claim + " must be absolute, got " + path);
            }
        }
    }

    /**
     * What to build for one catalog service. Required: the catalog entry, the namespace and the image;
     * everything else has a default that builds a single hardened pod.
     */
    public static final class Props {
        private final ServiceSpec spec;
        private final String namespace;
        private final String image;
        private final Replicas replicas;
        private final ScalingTargets scaling;
        private final ResourceBudget resources;
        private final Map<String, String> stackValues;
        private final Optional<String> configMapName;
        private final Optional<String> secretName;
        private final boolean istio;
        private final List<ClaimMount> mounts;
        private final Optional<String> configVersion;
        private final int sessionSeconds;
        private final Optional<Placement> placement;
        private final WorkloadIdentity workloadIdentity;

        private Props(Builder b) {
            spec = b.spec;
            namespace = b.namespace;
            image = b.image;
            replicas = b.replicas;
            scaling = b.scaling != null ? b.scaling : ScalingTargets.of(b.spec, Map.of(), false);
            resources = b.resources;
            stackValues = Map.copyOf(b.stackValues);
            configMapName = Optional.ofNullable(b.configMapName);
            secretName = Optional.ofNullable(b.secretName);
            istio = b.istio;
            mounts = List.copyOf(b.mounts);
            configVersion = Optional.ofNullable(b.configVersion);
            sessionSeconds = b.sessionSeconds;
            placement = Optional.ofNullable(b.placement);
            workloadIdentity = b.workloadIdentity;
        }

        /**
         * @param spec      the catalog entry: name, port, probes, environment, exposure
         * @param namespace where every object goes
         * @param image     full image reference, tag included
         */
        public static Builder builder(ServiceSpec spec, String namespace, String image) {
            return new Builder(spec, namespace, image);
        }

        public ServiceSpec spec() {
            return spec;
        }

        public String namespace() {
            return namespace;
        }

        public String image() {
            return image;
        }

        public Replicas replicas() {
            return replicas;
        }

        public ScalingTargets scaling() {
            return scaling;
        }

        public ResourceBudget resources() {
            return resources;
        }

        public Map<String, String> stackValues() {
            return stackValues;
        }

        public Optional<String> configMapName() {
            return configMapName;
        }

        public Optional<String> secretName() {
            return secretName;
        }

        public boolean istio() {
            return istio;
        }

        public List<ClaimMount> mounts() {
            return mounts;
        }

        public Optional<String> configVersion() {
            return configVersion;
        }

        public int sessionSeconds() {
            return sessionSeconds;
        }

        public Optional<Placement> placement() {
            return placement;
        }

        public WorkloadIdentity workloadIdentity() {
            return workloadIdentity;
        }

        /** Cross-field rules, each with its fix; reported on the construct's node. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (sessionSeconds < 0) {
                problems.add("sessionSeconds is " + sessionSeconds + "; it must be 0 or more");
            } else if (sessionSeconds > 0 && spec.exposure() != Exposure.PUBLIC_WEBSOCKET) {
                problems.add("sessionSeconds is " + sessionSeconds + " but service '" + spec.name() + "' is " + spec.exposure()
                        + " and holds no WebSocket sessions; leave sessionSeconds at 0");
            }
            List<String> missing = spec.env().stream()
                    .filter(v -> v.source() == EnvVar.Source.STACK && v.required() && !stackValues.containsKey(v.name()))
                    .map(EnvVar::name).toList();
            if (!missing.isEmpty()) {
                problems.add("service '" + spec.name() + "' requires stack variable(s) " + missing + "; give them in stackValues");
            }
            needs(problems, EnvVar.Source.CONFIG_MAP, configMapName, "configMapName");
            needs(problems, EnvVar.Source.SECRET, secretName, "secretName");
            problems.addAll(workloadIdentity.problems(spec.name()));
            return problems;
        }

        private void needs(List<String> problems, EnvVar.Source source, Optional<String> holder, String setter) {
            List<String> read = spec.env().stream().filter(v -> v.source() == source).map(EnvVar::name).toList();
            if (!read.isEmpty() && holder.isEmpty()) {
                problems.add("service '" + spec.name() + "' reads " + read + " from a " + source
                        + "; name it with " + setter + "(...)");
            }
        }

        public static final class Builder {
            private final ServiceSpec spec;
            private final String namespace;
            private final String image;
            private Replicas replicas = new Replicas(1, 1);
            private ScalingTargets scaling;
            private ResourceBudget resources = ResourceBudget.GUIDE_APP_POD;
            private Map<String, String> stackValues = Map.of();
            private String configMapName;
            private String secretName;
            private boolean istio;
            private List<ClaimMount> mounts = List.of();
            private String configVersion;
            private int sessionSeconds;
            private Placement placement;
            private WorkloadIdentity workloadIdentity = WorkloadIdentity.NONE;

            private Builder(ServiceSpec spec, String namespace, String image) {
                this.spec = Objects.requireNonNull(spec, "spec");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.image = Objects.requireNonNull(image, "image");
            }

            /**
             * Replica bounds: fixed at min when min == max, otherwise the range of an HPA
             * ({@link PodAutoscaling}). A budget ({@link DisruptionBudget}) comes with max 2 or more.
             * Default 1 to 1: one pod, no autoscaler, no budget.
             */
            public Builder replicas(Replicas replicas) {
                this.replicas = Objects.requireNonNull(replicas, "replicas");
                return this;
            }

            /**
             * What the HPA holds when there is one. Default: the guides' targets for the service's kind
             * without a per-pod metric ({@code ScalingTargets.of(spec, Map.of(), false)}).
             */
            public Builder scaling(ScalingTargets scaling) {
                this.scaling = Objects.requireNonNull(scaling, "scaling");
                return this;
            }

            /** Container requests and limits. Default {@link ResourceBudget#GUIDE_APP_POD} (500m/1Gi, 1000m/2Gi). */
            public Builder resources(ResourceBudget resources) {
                this.resources = Objects.requireNonNull(resources, "resources");
                return this;
            }

            /** Values of the catalog's STACK variables (port, hosts, URLs, ...). Default none. */
            public Builder stackValues(Map<String, String> stackValues) {
                this.stackValues = Objects.requireNonNull(stackValues, "stackValues");
                return this;
            }

            /** The ConfigMap holding the CONFIG_MAP variables. Default none: a service reading one must name it. */
            public Builder configMapName(String configMapName) {
                this.configMapName = Objects.requireNonNull(configMapName, "configMapName");
                return this;
            }

            /** The Secret holding the SECRET variables, by reference. Default none: a service reading one must name it. */
            public Builder secretName(String secretName) {
                this.secretName = Objects.requireNonNull(secretName, "secretName");
                return this;
            }

            /** Whether pods get the Istio sidecar. Default false. */
            public Builder istio(boolean istio) {
                this.istio = istio;
                return this;
            }

            /** Persistent volumes the pods mount (claims every replica shares). Default none. */
            public Builder mounts(List<ClaimMount> mounts) {
                this.mounts = Objects.requireNonNull(mounts, "mounts");
                return this;
            }

            /**
             * A digest of the ConfigMap's content, as pod annotation {@value #CONFIG_VERSION}: a change
             * rolls the pods, which read the ConfigMap only at start. Default none: no annotation.
             */
            public Builder configVersion(String configVersion) {
                this.configVersion = Objects.requireNonNull(configVersion, "configVersion");
                return this;
            }

            /**
             * How long a live WebSocket session may still run once its pod is leaving (WEBSOCKET_TIMEOUT in
             * seconds), for PUBLIC_WEBSOCKET services only. Default 0: no preStop wait.
             */
            public Builder sessionSeconds(int sessionSeconds) {
                this.sessionSeconds = sessionSeconds;
                return this;
            }

            /**
             * Where each object goes: the Deployment stays under the construct, the Service goes to
             * {@link Component#SERVICES}, the ServiceAccount to {@link Component#CONFIG_SECURITY},
             * autoscalers and budget to {@link Component#AUTOSCALING}. Default: all under the construct.
             */
            public Builder placement(Placement placement) {
                this.placement = Objects.requireNonNull(placement, "placement");
                return this;
            }

            /**
             * Who the pods are to the cloud: what the ServiceAccount and the pods carry for the cloud's webhook
             * ({@link WorkloadIdentity}). Default {@link WorkloadIdentity#NONE}: no cloud identity.
             */
            public Builder workloadIdentity(WorkloadIdentity workloadIdentity) {
                this.workloadIdentity = Objects.requireNonNull(workloadIdentity, "workloadIdentity");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public Microservice(Construct scope, String id, Props props) {
        super(scope, id);
        Problems.report(this, props.problems());
        Placement at = props.placement().orElse(Placement.within(this));
        ServiceSpec spec = props.spec();
        Map<String, String> selector = Labels.ofWorkload(spec.name(), spec.component());

        ApiObjectMetadata.Builder accountMeta = ApiObjectMetadata.builder().name(spec.name()).namespace(props.namespace()).labels(selector);
        Map<String, String> identity = props.workloadIdentity().accountAnnotations();
        if (!identity.isEmpty()) {
            accountMeta.annotations(identity);
        }
        // cdk8s-plus's ServiceAccount is one jsii request like the L1 one, and writes the token opt-out itself.
        ServiceAccount.Builder.create(at.get(Component.CONFIG_SECURITY), spec.name() + "-service-account")
                .metadata(accountMeta.build())
                .automountToken(false)
                .build();

        // The Deployment in the L1 type, built as one value and sent to jsii once. cdk8s-plus's Deployment added
        // nothing we keep: we set every field it would default, its pod security props lack the pod-level seccomp
        // profile, its selector adds a construct-path label we had to patch out, and each of its containers, env
        // values, probes and volumes was a jsii round trip of its own (about 60 per service; `voiceplane bench
        // --requests`). The fields it wrote as explicit defaults (rolling update 25 %, progress deadline 600 s,
        // ClusterFirst DNS, no host network, ...) are Kubernetes' own defaults and stay written, so the manifests
        // and the Helm chart are unchanged.
        Replicas replicas = props.replicas();
        new KubeDeployment(this, "deployment", KubeDeploymentProps.builder()
                .metadata(ObjectMeta.builder().name(spec.name()).namespace(props.namespace()).labels(selector).build())
                .spec(DeploymentSpec.builder()
                        .minReadySeconds(0)
                        .progressDeadlineSeconds(600)
                        // Only without an HPA: where one exists it owns the count (see PodAutoscaling).
                        .replicas(replicas.scales() ? null : replicas.min())
                        .revisionHistoryLimit(10)
                        .selector(LabelSelector.builder().matchLabels(selector).build())
                        .strategy(DeploymentStrategy.builder().type("RollingUpdate").rollingUpdate(RollingUpdateDeployment.builder()
                                .maxSurge(JsiiValues.intOrString("25%")).maxUnavailable(JsiiValues.intOrString("25%")).build()).build())
                        .template(ServicePod.template(props, selector))
                        .build())
                .build());

        if (replicas.scales()) {
            new PodAutoscaling(at.get(Component.AUTOSCALING), spec.name() + "-autoscaling",
                    PodAutoscaling.Props.builder(spec.name(), replicas).namespace(props.namespace())
                            .container(spec.name()).labels(selector).targets(props.scaling()).resources(props.resources()).build());
        }
        if (DisruptionBudget.applies(replicas.max())) {
            new DisruptionBudget(at.get(Component.AUTOSCALING), spec.name() + "-disruption-budget",
                    DisruptionBudget.Props.builder(spec.name(), props.namespace(), selector).build());
        }

        // The Service in the L1 type too: cdk8s-plus's would select the Deployment by a path-derived label unless
        // told otherwise, and its session affinity could only be patched in. externalIPs stays the empty list it wrote.
        org.cdk8s.plus33.k8s.ServiceSpec.Builder service = org.cdk8s.plus33.k8s.ServiceSpec.builder()
                .type("ClusterIP")
                .externalIPs(List.of())
                .ports(List.of(ServicePort.builder().name("http").port(spec.port()).targetPort(JsiiValues.intOrString(spec.port())).build()))
                .selector(selector);
        if (spec.exposure() == Exposure.PUBLIC_WEBSOCKET) {
            // A WebSocket call must keep reaching the pod that holds its session (guide: "session affinity for WebSocket").
            // An hour: longer than any call, so a reconnecting caller finds its session.
            service.sessionAffinity("ClientIP").sessionAffinityConfig(SessionAffinityConfig.builder()
                    .clientIp(ClientIpConfig.builder().timeoutSeconds(3600).build()).build());
        }
        new KubeService(at.get(Component.SERVICES), spec.name() + "-service", KubeServiceProps.builder()
                .metadata(ObjectMeta.builder().name(spec.name()).namespace(props.namespace()).labels(selector).build())
                .spec(service.build())
                .build());
    }
}
