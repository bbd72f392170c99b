package dev.voiceplane.charts;

import dev.voiceplane.catalog.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.ConfigMapKeySelector;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.ContainerPort;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.HttpGetAction;
import org.cdk8s.plus33.k8s.Lifecycle;
import org.cdk8s.plus33.k8s.LifecycleHandler;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimVolumeSource;
import org.cdk8s.plus33.k8s.PodSpec;
import org.cdk8s.plus33.k8s.PodTemplateSpec;
import org.cdk8s.plus33.k8s.Probe;
import org.cdk8s.plus33.k8s.SecretKeySelector;
import org.cdk8s.plus33.k8s.SleepAction;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;

/**
 * The pod template of a {@link Microservice}, in the Kubernetes L1 types: the service's container with the
 * catalog's environment, probes and port, its {@code migrate} init container when the catalog says so, the
 * memory-backed {@code /tmp} and the claims it mounts, {@link Hardening}, {@link PodPlacement}, the mesh
 * sidecar's opt-in and the workload identity's label. Written field for field as cdk8s-plus's Deployment wrote
 * it before (its defaults included), so the manifests did not change when Microservice left it.
 */
final class ServicePod {
    /** The memory-backed scratch volume at /tmp, the only writable path. */
    private static final String TMP = "tmp";

    private ServicePod() {
    }

    /** The pods of the service {@code props} describe, labelled with {@code selector} (and nothing the selector would need). */
    static PodTemplateSpec template(Microservice.Props props, Map<String, String> selector) {
        ServiceSpec spec = props.spec();
        List<Volume> volumes = new ArrayList<>(List.of(HardenedPod.memoryScratch(TMP)));
        List<VolumeMount> claimMounts = new ArrayList<>();
        for (Microservice.ClaimMount m : props.mounts()) {
            volumes.add(Volume.builder().name(m.claim())
                    .persistentVolumeClaim(PersistentVolumeClaimVolumeSource.builder().claimName(m.claim()).readOnly(false).build()).build());
            claimMounts.add(VolumeMount.builder().mountPath(m.path()).name(m.claim()).build());
        }
        List<EnvVar> env = env(spec, props);
        Container main = container(spec, props, spec.name(), env, claimMounts)
                .ports(List.of(ContainerPort.builder().containerPort(spec.port()).build()))
                .livenessProbe(probe(spec.probes().live(), spec.port(), 10, 3))
                .readinessProbe(probe(spec.probes().ready(), spec.port(), 5, 3))
                // Startup: up to 30 x 2 s for migrations-free start-up before liveness takes over.
                .startupProbe(probe(spec.probes().startup(), spec.port(), 2, 30))
                .lifecycle(props.sessionSeconds() > 0 ? preStopWait(props.sessionSeconds()) : null)
                .build();
        List<Container> init = new ArrayList<>();
        if (spec.migrates()) {
            init.add(container(spec, props, "migrate", env, List.of()).args(List.of("migrate")).build());
        }

        Map<String, String> annotations = new TreeMap<>();
        annotations.put("prometheus.io/scrape", "true");
        annotations.put("prometheus.io/port", Integer.toString(spec.port()));
        annotations.put("prometheus.io/path", ServiceSpec.METRICS_PATH);
        props.configVersion().ifPresent(digest -> annotations.put(Microservice.CONFIG_VERSION, digest));
        Map<String, String> podLabels = new TreeMap<>(selector);
        podLabels.putAll(props.workloadIdentity().podLabels());
        if (props.istio()) {
            // Per-pod opt-in on top of the namespace label, so the intent shows on the workload itself.
            podLabels.put(MeshSidecar.INJECT, "true");
            annotations.putAll(MeshSidecar.podAnnotations());
        }

        PodSpec.Builder pod = PodSpec.builder()
                .serviceAccountName(spec.name())
                .automountServiceAccountToken(false)
                .securityContext(Hardening.pod(Microservice.RUN_AS))
                .containers(List.of(main))
                .initContainers(init.isEmpty() ? null : init)
                .volumes(volumes)
                .affinity(PodPlacement.nodeSpread(selector))
                .topologySpreadConstraints(List.of(PodPlacement.zoneSpread(selector)))
                .dnsPolicy("ClusterFirst")
                .hostNetwork(false)
                .restartPolicy("Always")
                .setHostnameAsFqdn(false)
                .shareProcessNamespace(false)
                // Time for the preStop wait, then the app's drain, then the exit.
                .terminationGracePeriodSeconds(props.sessionSeconds() + Microservice.APP_DRAIN_SECONDS + Microservice.EXIT_MARGIN_SECONDS);
        return PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().labels(podLabels).annotations(annotations).build())
                .spec(pod.build())
                .build();
    }

    private static Container.Builder container(ServiceSpec spec, Microservice.Props props, String name, List<EnvVar> env, List<VolumeMount> extraMounts) {
        return Container.builder()
                .name(name)
                .image(props.image())
                .imagePullPolicy("IfNotPresent")
                .env(env.isEmpty() ? null : env)
                .resources(HardenedPod.resources(Quantities.asCdk8sPlusWrote(props.resources())))
                .securityContext(Hardening.container(Microservice.RUN_AS))
                .volumeMounts(concat(VolumeMount.builder().mountPath("/tmp").name(TMP).build(), extraMounts));
    }

    /**
     * A leaving pod drops out of the endpoints at once, so no new call reaches it; the calls it holds get
     * WEBSOCKET_TIMEOUT to end before SIGTERM starts the app's drain, which tells the rest to reconnect elsewhere
     * (1001 Going Away). The image has no shell: the kubelet's own sleep action
     * (https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/#hook-handler-implementations).
     */
    private static Lifecycle preStopWait(int seconds) {
        return Lifecycle.builder().preStop(LifecycleHandler.builder().sleep(SleepAction.builder().seconds(seconds).build()).build()).build();
    }

    private static <T> List<T> concat(T first, List<T> rest) {
        List<T> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static Probe probe(String path, int port, int periodSeconds, int failureThreshold) {
        return Probe.builder()
                .httpGet(HttpGetAction.builder().path(path).port(JsiiValues.intOrString(port)).scheme("HTTP").build())
                .periodSeconds(periodSeconds).failureThreshold(failureThreshold)
                .build();
    }

    /**
     * The catalog's variables, by name; those whose ConfigMap or Secret is not named are left out (a reported
     * problem). ConfigMap and Secret keys are references by name, never a value; one the catalog marks optional
     * lets the pod start without it.
     */
    private static List<EnvVar> env(ServiceSpec spec, Microservice.Props props) {
        Map<String, EnvVar> env = new TreeMap<>();
        for (dev.voiceplane.catalog.EnvVar v : spec.env()) {
            switch (v.source()) {
                case STACK:
                    String value = props.stackValues().get(v.name());
                    if (value != null) {
                        env.put(v.name(), EnvVar.builder().name(v.name()).value(value).build());
                    }
                    break;
                case CONFIG_MAP:
                    props.configMapName().ifPresent(c -> env.put(v.name(), EnvVar.builder().name(v.name()).valueFrom(EnvVarSource.builder()
                            .configMapKeyRef(ConfigMapKeySelector.builder().name(c).key(v.name()).optional(!v.required()).build()).build()).build()));
                    break;
                case SECRET:
                    props.secretName().ifPresent(s -> env.put(v.name(), EnvVar.builder().name(v.name()).valueFrom(EnvVarSource.builder()
                            .secretKeyRef(SecretKeySelector.builder().name(s).key(v.name()).optional(!v.required()).build()).build()).build()));
                    break;
                case PLATFORM:
                    break; // set on the pod by the cluster (the workload identity webhook), never by the manifests
                default:
                    throw new IllegalStateException("unhandled source " + v.source());
            }
        }
        return List.copyOf(env.values());
    }
}
