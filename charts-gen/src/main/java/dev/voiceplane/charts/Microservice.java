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
import java.util.TreeMap;
import org.cdk8s.ApiObject;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Duration;
import org.cdk8s.JsonPatch;
import org.cdk8s.plus33.ConfigMap;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.ContainerResources;
import org.cdk8s.plus33.CpuResources;
import org.cdk8s.plus33.Deployment;
import org.cdk8s.plus33.EmptyDirMedium;
import org.cdk8s.plus33.EmptyDirVolumeOptions;
import org.cdk8s.plus33.EnvValue;
import org.cdk8s.plus33.EnvValueFromConfigMapOptions;
import org.cdk8s.plus33.EnvValueFromSecretOptions;
import org.cdk8s.plus33.HttpGetProbeOptions;
import org.cdk8s.plus33.IConfigMap;
import org.cdk8s.plus33.ISecret;
import org.cdk8s.plus33.ImagePullPolicy;
import org.cdk8s.plus33.LabelSelector;
import org.cdk8s.plus33.LabelSelectorOptions;
import org.cdk8s.plus33.MemoryResources;
import org.cdk8s.plus33.PersistentVolumeClaim;
import org.cdk8s.plus33.PersistentVolumeClaimVolumeOptions;
import org.cdk8s.plus33.Probe;
import org.cdk8s.plus33.Secret;
import org.cdk8s.plus33.SecretValue;
import org.cdk8s.plus33.Service;
import org.cdk8s.plus33.ServiceAccount;
import org.cdk8s.plus33.ServicePort;
import org.cdk8s.plus33.ServiceType;
import org.cdk8s.plus33.Volume;
import org.cdk8s.plus33.VolumeMount;
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
 * (never a value).
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

    private final Deployment deployment;
    private final Service service;

    /**
     * @param spec          the catalog entry
     * @param namespace     target namespace
     * @param image         full image reference, tag included
     * @param replicas      replica bounds: fixed at min when min == max, otherwise the HPA's range
     * @param scaling       what the HPA holds when there is one
     * @param resources     container requests and limits
     * @param stackValues   values of the catalog's STACK variables (port, hosts, URLs, ...)
     * @param configMapName ConfigMap holding the CONFIG_MAP variables
     * @param secretName    Secret holding the SECRET variables
     * @param istio         whether pods get the Istio sidecar
     * @param mounts        persistent volumes the pods mount (claims shared by every replica)
     * @param configVersion a digest of the ConfigMap's content: a change rolls the pods, which read it only at start
     * @param sessionSeconds how long a live WebSocket session may still run once its pod is leaving
     *                      (WEBSOCKET_TIMEOUT in seconds); 0 for a service that holds no sessions
     */
    public record Props(ServiceSpec spec, String namespace, String image, Replicas replicas, ScalingTargets scaling,
                        ResourceBudget resources, Map<String, String> stackValues, String configMapName, String secretName,
                        boolean istio, List<ClaimMount> mounts, String configVersion, int sessionSeconds) {
        public Props {
            if (sessionSeconds < 0 || (sessionSeconds > 0 && spec.exposure() != Exposure.PUBLIC_WEBSOCKET)) {
                throw new IllegalArgumentException("service '" + spec.name() + "': sessionSeconds " + sessionSeconds
                        + " is only for WebSocket services, and never negative");
            }
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(resources, "resources");
            Objects.requireNonNull(replicas, "replicas");
            mounts = List.copyOf(mounts);
            Objects.requireNonNull(configVersion, "configVersion");
            Objects.requireNonNull(scaling, "scaling");
            Objects.requireNonNull(configMapName, "configMapName");
            Objects.requireNonNull(secretName, "secretName");
            Map<String, String> values = Map.copyOf(stackValues);
            stackValues = values;
            List<String> missing = spec.env().stream()
                    .filter(v -> v.source() == EnvVar.Source.STACK && v.required() && !values.containsKey(v.name()))
                    .map(EnvVar::name).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("service '" + spec.name() + "': no value for stack variable(s) " + missing);
            }
        }
    }

    /**
     * @param charts where each object goes: the Deployment to core-services, the Service to services,
     *               the ServiceAccount to config-security, autoscalers and budget to autoscaling
     */
    public Microservice(ComponentCharts charts, String id, Props props) {
        super(charts.get(Component.CORE_SERVICES), id);
        ServiceSpec spec = props.spec();
        Map<String, String> selector = Labels.ofWorkload(spec.name(), spec.component());

        ServiceAccount account = ServiceAccount.Builder.create(charts.get(Component.CONFIG_SECURITY), spec.name() + "-service-account")
                .metadata(ApiObjectMetadata.builder().name(spec.name()).namespace(props.namespace()).labels(selector).build())
                .automountToken(false)
                .build();

        Volume tmp = Volume.fromEmptyDir(this, "tmp", "tmp",
                EmptyDirVolumeOptions.builder().medium(EmptyDirMedium.MEMORY)
                        .sizeLimit(org.cdk8s.Size.mebibytes(64)).build());

        // References by name: they create no objects, the env entries only point at them.
        Map<String, EnvValue> env = env(spec, props,
                ConfigMap.fromConfigMapName(this, "config-ref", props.configMapName()),
                Secret.fromSecretName(this, "secret-ref", props.secretName()));
        List<Volume> volumes = new ArrayList<>(List.of(tmp));
        List<VolumeMount> claimMounts = new ArrayList<>();
        for (ClaimMount m : props.mounts()) {
            Volume v = Volume.fromPersistentVolumeClaim(this, "volume-" + m.claim(),
                    PersistentVolumeClaim.fromClaimName(this, "claim-" + m.claim(), m.claim()),
                    PersistentVolumeClaimVolumeOptions.builder().name(m.claim()).build());
            volumes.add(v);
            claimMounts.add(VolumeMount.builder().path(m.path()).volume(v).build());
        }
        ContainerProps main = container(spec, props, spec.name(), null, tmp, env, claimMounts)
                .liveness(probe(spec.probes().live(), spec.port(), 10, 3))
                .readiness(probe(spec.probes().ready(), spec.port(), 5, 3))
                // Startup: up to 30 x 2 s for migrations-free start-up before liveness takes over.
                .startup(Probe.fromHttpGet(spec.probes().startup(), HttpGetProbeOptions.builder()
                        .port(spec.port()).periodSeconds(Duration.seconds(2)).failureThreshold(30).build()))
                .build();
        List<ContainerProps> init = new ArrayList<>();
        if (spec.migrates()) {
            init.add(container(spec, props, "migrate", List.of("migrate"), tmp, env, List.of()).build());
        }

        Map<String, String> annotations = new TreeMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", Integer.toString(spec.port()));
        annotations.put("prometheus.io/path", ServiceSpec.METRICS_PATH);
        annotations.put(CONFIG_VERSION, props.configVersion());
        Map<String, String> podLabels = new TreeMap<>(selector);
        if (props.istio()) {
            // Per-pod opt-in on top of the namespace label, so the intent shows on the workload itself.
            podLabels.put(MeshSidecar.INJECT, "true");
            annotations.putAll(MeshSidecar.podAnnotations());
        }

        Replicas replicas = props.replicas();
        Deployment.Builder builder = Deployment.Builder.create(this, "deployment")
                .metadata(ApiObjectMetadata.builder().name(spec.name()).namespace(props.namespace()).labels(selector).build())
                .podMetadata(ApiObjectMetadata.builder().labels(podLabels).annotations(annotations).build())
                .select(false)
                .spread(false)
                .revisionHistoryLimit(10)
                .serviceAccount(account)
                .automountServiceAccountToken(false)
                .securityContext(Hardening.podProps(RUN_AS))
                // Time for the preStop wait below, then the app's drain, then the exit.
                .terminationGracePeriod(Duration.seconds(props.sessionSeconds() + APP_DRAIN_SECONDS + EXIT_MARGIN_SECONDS))
                .containers(List.of(main))
                .initContainers(init)
                .volumes(volumes);
        if (!replicas.scales()) {
            // Only without an HPA: where one exists it owns the count (see PodAutoscaling).
            builder.replicas(replicas.min());
        }
        deployment = builder.build();
        Hardening.podSeccomp(deployment);
        if (props.sessionSeconds() > 0) {
            // A leaving pod drops out of the endpoints at once, so no new call reaches it; the calls it
            // holds get WEBSOCKET_TIMEOUT to end before SIGTERM starts the app's drain, which tells the
            // rest to reconnect elsewhere (1001 Going Away). The image has no shell: the kubelet's own
            // sleep action (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations).
            ApiObject.of(deployment).addJsonPatch(JsonPatch.add("/spec/template/spec/containers/0/lifecycle",
                    Map.of("preStop", Map.of("sleep", Map.of("seconds", props.sessionSeconds())))));
        }
        deployment.select(LabelSelector.of(LabelSelectorOptions.builder().labels(selector).build()));
        // cdk8s-plus labels every pod template with its construct address for its own selectors; we
        // select by the recommended labels only, and a path-derived label would change with refactors.
        ApiObject.of(deployment).addJsonPatch(JsonPatch.remove("/spec/template/metadata/labels/cdk8s.io~1metadata.addr"));
        PodPlacement.spread(ApiObject.of(deployment), selector);

        if (replicas.scales()) {
            new PodAutoscaling(charts.get(Component.AUTOSCALING), spec.name() + "-autoscaling", deployment,
                    new PodAutoscaling.Props(spec.name(), props.namespace(), spec.name(), selector, replicas,
                            props.scaling(), props.resources()));
        }
        if (DisruptionBudget.applies(replicas.max())) {
            new DisruptionBudget(charts.get(Component.AUTOSCALING), spec.name() + "-disruption-budget", spec.name(),
                    props.namespace(), selector, selector);
        }

        service = Service.Builder.create(charts.get(Component.SERVICES), spec.name() + "-service")
                .metadata(ApiObjectMetadata.builder().name(spec.name()).namespace(props.namespace()).labels(selector).build())
                .type(ServiceType.CLUSTER_IP)
                .ports(List.of(ServicePort.builder().name("http").port(spec.port()).targetPort(spec.port()).build()))
                .build();
        // Select by our own labels; selecting the Deployment object would add a path-derived label to its pods.
        selector.forEach(service::selectLabel);
        if (spec.exposure() == Exposure.PUBLIC_WEBSOCKET) {
            // A WebSocket call must keep reaching the pod that holds its session (guide: "session affinity for WebSocket").
            ApiObject.of(service).addJsonPatch(
                    JsonPatch.add("/spec/sessionAffinity", "ClientIP"),
                    // Patches of an L1 object use its property names (clientIp); it renders them as the API's (clientIP).
                    // An hour: longer than any call, so a reconnecting caller finds its session.
                    JsonPatch.add("/spec/sessionAffinityConfig", Map.of("clientIp", Map.of("timeoutSeconds", 3600))));
        }
    }

    public Deployment deployment() {
        return deployment;
    }

    public Service service() {
        return service;
    }

    private static ContainerProps.Builder container(ServiceSpec spec, Props props, String name, List<String> args, Volume tmp,
                                                    Map<String, EnvValue> env, List<VolumeMount> extraMounts) {
        ResourceBudget r = props.resources();
        ContainerProps.Builder builder = ContainerProps.builder()
                .name(name)
                .image(props.image())
                .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
                .envVariables(env)
                .resources(ContainerResources.builder()
                        .cpu(CpuResources.builder().request(Quantities.cpu(r.requestCpu())).limit(Quantities.cpu(r.limitCpu())).build())
                        .memory(MemoryResources.builder().request(Quantities.memory(r.requestMemory())).limit(Quantities.memory(r.limitMemory())).build())
                        .build())
                .securityContext(Hardening.containerProps(RUN_AS))
                .volumeMounts(concat(VolumeMount.builder().path("/tmp").volume(tmp).build(), extraMounts));
        if (args == null) {
            builder.portNumber(spec.port());
        } else {
            builder.args(args);
        }
        return builder;
    }

    private static <T> List<T> concat(T first, List<T> rest) {
        List<T> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Probe probe(String path, int port, int periodSeconds, int failureThreshold) {
        return Probe.fromHttpGet(path, HttpGetProbeOptions.builder()
                .port(port).periodSeconds(Duration.seconds(periodSeconds)).failureThreshold(failureThreshold).build());
    }

    private static Map<String, EnvValue> env(ServiceSpec spec, Props props, IConfigMap configMap,
                                             ISecret secret) {
        Map<String, EnvValue> env = new TreeMap<>();
        for (EnvVar v : spec.env()) {
            switch (v.source()) {
                case STACK:
                    String value = props.stackValues().get(v.name());
                    if (value != null) {
                        env.put(v.name(), EnvValue.fromValue(value));
                    }
                    break;
                case CONFIG_MAP:
                    env.put(v.name(), EnvValue.fromConfigMap(configMap, v.name(),
                            EnvValueFromConfigMapOptions.builder().optional(!v.required()).build()));
                    break;
                case SECRET:
                    env.put(v.name(), EnvValue.fromSecretValue(
                            SecretValue.builder().secret(secret).key(v.name()).build(),
                            EnvValueFromSecretOptions.builder().optional(!v.required()).build()));
                    break;
                case PLATFORM:
                    break; // set on the pod by the cluster (the workload identity webhook), never by the manifests
                default:
                    throw new IllegalStateException("unhandled source " + v.source());
            }
        }
        return env;
    }
}
