package dev.voiceplane.charts;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.ContainerPort;
import org.cdk8s.plus33.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.ExecAction;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.KubeService;
import org.cdk8s.plus33.k8s.KubeStatefulSet;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimSpec;
import org.cdk8s.plus33.k8s.PodSpec;
import org.cdk8s.plus33.k8s.PodTemplateSpec;
import org.cdk8s.plus33.k8s.Probe;
import org.cdk8s.plus33.k8s.ResourceRequirements;
import org.cdk8s.plus33.k8s.SecretKeySelector;
import org.cdk8s.plus33.k8s.ConfigMapKeySelector;
import org.cdk8s.plus33.k8s.ServicePort;
import org.cdk8s.plus33.k8s.ServiceSpec;
import org.cdk8s.plus33.k8s.StatefulSetPersistentVolumeClaimRetentionPolicy;
import org.cdk8s.plus33.k8s.StatefulSetSpec;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import org.cdk8s.plus33.k8s.VolumeResourceRequirements;
import org.cdk8s.plus33.k8s.KubePersistentVolumeClaimProps;
import software.constructs.Construct;

/**
 * PostgreSQL and Redis for the system's services.
 *
 * <p>In the cluster (BharatVoice's guide, and every local stack): a StatefulSet each, one pod,
 * a volume on {@code fast-ssd} from a claim template, a headless Service governing the pod and the
 * client Service the guide names ({@code postgres-service}, {@code redis-service}). PostgreSQL is the
 * guide's {@code postgres:15-alpine} (pinned, see {@link #POSTGRES_IMAGE}) at 250m/512Mi requested, 500m/1Gi limit, checked with
 * {@code pg_isready}; Redis persists with both AOF ({@code appendonly yes}, fsync every second) and
 * RDB snapshots (ai-ninja guide: "Redis persistence with AOF and RDB snapshots"), and never evicts,
 * since the worker's job queue lives in it. Both run as their images' own non-root users (postgres
 * 70, redis 999) on a read-only root with memory-backed scratch directories.
 *
 * <p>Nothing deletes data: claims are retained when the StatefulSet is deleted or scaled down, and
 * StatefulSets and claim templates carry {@value StorageTiers#HOLDS_DATA}.
 *
 * <p>Managed by the cloud: only the connection config — ExternalName Services under the same names,
 * so the guide's troubleshooting ({@code pg_isready -h postgres-service}) keeps working; services
 * themselves connect to the managed host name directly, which TLS verification requires.
 */
public final class DataStores extends Construct {
    public static final String POSTGRES = "postgres";
    public static final String REDIS = "redis";
    /**
     * The guides' {@code postgres:15-alpine} and {@code redis:7-alpine}, pinned to the exact releases
     * those tags pointed at in docker-library/official-images (library/postgres, library/redis at
     * 37079fb, 2026-08-21): a floating tag would run different builds on different nodes and after a
     * rollback. Move them on purpose, with the next minor release.
     */
    public static final String POSTGRES_IMAGE = "postgres:15.19-alpine3.24";
    public static final String REDIS_IMAGE = "redis:7.4.11-alpine3.21";
    /** UIDs of the images' own users: a different one could not read data an earlier pod wrote. */
    public static final int POSTGRES_UID = 70;
    public static final int REDIS_UID = 999;
    /** The BharatVoice guide's database pod. */
    public static final ResourceBudget POSTGRES_RESOURCES = new ResourceBudget("250m", "512Mi", "500m", "1Gi");
    public static final ResourceBudget REDIS_RESOURCES = new ResourceBudget("100m", "256Mi", "500m", "512Mi");
    /** The least a recommendation may go to for each store. */
    static final ResourceBudget POSTGRES_FLOOR = new ResourceBudget("100m", "256Mi", "100m", "256Mi");
    static final ResourceBudget REDIS_FLOOR = new ResourceBudget("50m", "64Mi", "50m", "64Mi");
    static final String PGDATA = "/var/lib/postgresql/data";

    /**
     * @param namespace     where they run
     * @param managed       whether the cloud runs them (then only ExternalName Services)
     * @param postgresHost  managed PostgreSQL host; ignored in-cluster
     * @param redisHost     managed Redis host; ignored in-cluster
     * @param configMapName holds DB_NAME
     * @param secretName    holds DB_USERNAME, DB_PASSWORD, REDIS_PASSWORD
     * @param postgresSize  volume size of PostgreSQL
     * @param redisSize     volume size of Redis
     * @param recommend     whether a recommendation-mode VPA watches each store (needs the VPA CRDs)
     */
    public record Props(String namespace, boolean managed, String postgresHost, String redisHost, String configMapName,
                        String secretName, String postgresSize, String redisSize, boolean recommend) {
        public Props {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(configMapName, "configMapName");
            Objects.requireNonNull(secretName, "secretName");
            if (managed && (postgresHost == null || postgresHost.isEmpty() || redisHost == null || redisHost.isEmpty())) {
                throw new IllegalArgumentException("managed data stores need both host names");
            }
        }
    }

    /**
     * @param charts the StatefulSets go to core-services, Services to services, Redis's
     *               configuration to config-security
     */
    private KubeStatefulSet postgres;

    public DataStores(ComponentCharts charts, String id, Props props) {
        super(charts.get(Component.CORE_SERVICES), id);
        if (props.managed()) {
            externalName(charts, POSTGRES, props.postgresHost(), props.namespace());
            externalName(charts, REDIS, props.redisHost(), props.namespace());
            return;
        }
        postgres(charts, props);
        redis(charts, props);
    }

    /** The client Service name of a store, e.g. {@code postgres-service}. */
    public static String serviceName(DataStore store) {
        return store.id() + "-service";
    }

    private void externalName(ComponentCharts charts, String store, String host, String namespace) {
        KubeService.Builder.create(charts.get(Component.SERVICES), store + "-external")
                .metadata(ObjectMeta.builder().name(store + "-service").namespace(namespace)
                        .labels(Labels.ofWorkload(store, "database")).build())
                .spec(ServiceSpec.builder().type("ExternalName").externalName(host).build())
                .build();
    }

    private void postgres(ComponentCharts charts, Props p) {
        Map<String, String> selector = Labels.ofWorkload(POSTGRES, "database");
        services(charts, POSTGRES, DataStore.POSTGRES.port(), selector, p.namespace());
        List<EnvVar> env = List.of(
                secretEnv("POSTGRES_USER", p.secretName(), Env.DB_USERNAME),
                secretEnv("POSTGRES_PASSWORD", p.secretName(), Env.DB_PASSWORD),
                EnvVar.builder().name("POSTGRES_DB").valueFrom(EnvVarSource.builder().configMapKeyRef(
                        ConfigMapKeySelector.builder().name(p.configMapName()).key(Env.DB_NAME).build()).build()).build(),
                // A subdirectory: the volume's root holds lost+found, which initdb refuses.
                EnvVar.builder().name("PGDATA").value(PGDATA + "/pgdata").build());
        // pg_isready over TCP: the same path clients take; the variables come from the container's env.
        Probe ready = exec("pg_isready -h 127.0.0.1 -p 5432 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"", 10, 3);
        Container container = Container.builder()
                .name(POSTGRES).image(POSTGRES_IMAGE).imagePullPolicy("IfNotPresent")
                .ports(List.of(ContainerPort.builder().name("postgres").containerPort(DataStore.POSTGRES.port()).build()))
                .env(env)
                .resources(resources(POSTGRES_RESOURCES))
                .securityContext(Hardening.container(POSTGRES_UID))
                .livenessProbe(ready).readinessProbe(exec("pg_isready -h 127.0.0.1 -p 5432 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"", 5, 3))
                // initdb on a fresh volume and crash recovery may take minutes.
                .startupProbe(exec("pg_isready -h 127.0.0.1 -p 5432 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"", 5, 60))
                .volumeMounts(List.of(
                        VolumeMount.builder().name("data").mountPath(PGDATA).build(),
                        VolumeMount.builder().name("run").mountPath("/var/run/postgresql").build(),
                        VolumeMount.builder().name("tmp").mountPath("/tmp").build()))
                .build();
        statefulSet(charts, POSTGRES, p, selector, POSTGRES_UID, container, List.of(scratch("run"), scratch("tmp")), p.postgresSize());
        recommend(charts, p, POSTGRES, selector, POSTGRES_FLOOR, POSTGRES_RESOURCES);
    }

    private void redis(ComponentCharts charts, Props p) {
        Map<String, String> selector = Labels.ofWorkload(REDIS, "cache");
        services(charts, REDIS, DataStore.REDIS.port(), selector, p.namespace());
        KubeConfigMap.Builder.create(charts.get(Component.CONFIG_SECURITY), "redis-config")
                .metadata(ObjectMeta.builder().name("redis-config").namespace(p.namespace()).labels(selector).build())
                .data(Map.of("redis.conf", String.join("\n",
                        "# Written by voiceplane (DataStores). AOF for durability, RDB snapshots for backups.",
                        "dir /data",
                        "appendonly yes",
                        "appendfsync everysec",
                        "save 900 1",
                        "save 300 10",
                        "save 60 10000",
                        "maxmemory 384mb",
                        "# The worker's job queue lives here: refuse writes rather than silently evict jobs.",
                        "maxmemory-policy noeviction",
                        "# Reached from other pods; access is limited by the password and the network policies.",
                        "protected-mode no",
                        "")))
                .build();
        Probe ping = exec("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h 127.0.0.1 ping | grep -q PONG", 10, 3);
        Container container = Container.builder()
                .name(REDIS).image(REDIS_IMAGE).imagePullPolicy("IfNotPresent")
                // The password comes from the Secret at start; an empty one leaves Redis open inside the
                // namespace, where network policies admit only the services that declare Redis.
                .command(List.of("sh", "-c", "exec redis-server /etc/redis/redis.conf ${REDIS_PASSWORD:+--requirepass \"$REDIS_PASSWORD\"}"))
                .ports(List.of(ContainerPort.builder().name("redis").containerPort(DataStore.REDIS.port()).build()))
                .env(List.of(EnvVar.builder().name(Env.REDIS_PASSWORD).valueFrom(EnvVarSource.builder().secretKeyRef(
                        SecretKeySelector.builder().name(p.secretName()).key(Env.REDIS_PASSWORD).optional(true).build()).build()).build()))
                .resources(resources(REDIS_RESOURCES))
                .securityContext(Hardening.container(REDIS_UID))
                .livenessProbe(ping)
                .readinessProbe(exec("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h 127.0.0.1 ping | grep -q PONG", 5, 3))
                // Loading a large AOF takes a while after a restart.
                .startupProbe(exec("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h 127.0.0.1 ping | grep -q PONG", 5, 60))
                .volumeMounts(List.of(
                        VolumeMount.builder().name("data").mountPath("/data").build(),
                        VolumeMount.builder().name("config").mountPath("/etc/redis").readOnly(true).build(),
                        VolumeMount.builder().name("tmp").mountPath("/tmp").build()))
                .build();
        Volume config = Volume.builder().name("config").configMap(ConfigMapVolumeSource.builder().name("redis-config").build()).build();
        statefulSet(charts, REDIS, p, selector, REDIS_UID, container, List.of(config, scratch("tmp")), p.redisSize());
        recommend(charts, p, REDIS, selector, REDIS_FLOOR, REDIS_RESOURCES);
    }

    private void statefulSet(ComponentCharts charts, String name, Props p, Map<String, String> selector, int uid, Container container,
                             List<Volume> volumes, String size) {
        Map<String, String> podLabels = new TreeMap<>(selector);
        // The guide's own commands select by it: kubectl get pods -l app=postgres.
        podLabels.put("app", name);
        // A sidecar would hold the data path hostage to the mesh; stores speak their own protocols.
        podLabels.putAll(MeshSidecar.optOutLabel());
        Map<String, String> holdsData = Map.of(StorageTiers.HOLDS_DATA, "true");
        var set = KubeStatefulSet.Builder.create(this, name)
                .metadata(ObjectMeta.builder().name(name).namespace(p.namespace()).labels(selector).annotations(holdsData).build())
                .spec(StatefulSetSpec.builder()
                        .serviceName(name + "-headless")
                        .replicas(1)
                        .selector(LabelSelector.builder().matchLabels(selector).build())
                        // Never delete volumes with the StatefulSet or when scaling down.
                        .persistentVolumeClaimRetentionPolicy(StatefulSetPersistentVolumeClaimRetentionPolicy.builder()
                                .whenDeleted("Retain").whenScaled("Retain").build())
                        .template(PodTemplateSpec.builder()
                                .metadata(ObjectMeta.builder().labels(podLabels).build())
                                .spec(PodSpec.builder()
                                        .serviceAccountName(name)
                                        .automountServiceAccountToken(false)
                                        .securityContext(Hardening.pod(uid))
                                        .terminationGracePeriodSeconds(60)
                                        .containers(List.of(container))
                                        .volumes(volumes)
                                        .build())
                                .build())
                        .volumeClaimTemplates(List.of(KubePersistentVolumeClaimProps.builder()
                                .metadata(ObjectMeta.builder().name("data").annotations(holdsData).build())
                                .spec(PersistentVolumeClaimSpec.builder()
                                        .storageClassName(StorageTier.FAST_SSD.className())
                                        .accessModes(List.of("ReadWriteOnce"))
                                        .resources(VolumeResourceRequirements.builder()
                                                .requests(Map.of("storage", JsiiValues.quantity(size))).build())
                                        .build())
                                .build()))
                        .build())
                .build();
        new AccessControl(charts.get(Component.CONFIG_SECURITY), name + "-access",
                new AccessControl.Props(name, p.namespace(), Map.of(), List.of()));
        PodPlacement.spread(set, selector);
        if (name.equals(POSTGRES)) {
            postgres = set;
        }
    }

    /** The in-cluster PostgreSQL StatefulSet, for constructs that extend its pod ({@link WalArchiving}); empty when managed. */
    public java.util.Optional<KubeStatefulSet> postgresStatefulSet() {
        return java.util.Optional.ofNullable(postgres);
    }

    /** The guides' "VPA recommendations for optimal resource allocation" apply to the stores too. */
    private static void recommend(ComponentCharts charts, Props p, String name, Map<String, String> labels, ResourceBudget floor,
                                  ResourceBudget resources) {
        if (p.recommend()) {
            new ResourceRecommendations(charts.get(Component.AUTOSCALING), name + "-recommendations",
                    new ResourceRecommendations.Props("StatefulSet", name, p.namespace(), name, labels, floor, resources));
        }
    }

    private static void services(ComponentCharts charts, String name, int port, Map<String, String> selector, String namespace) {
        ServicePort servicePort = ServicePort.builder().name(name).port(port).targetPort(JsiiValues.intOrString(port)).build();
        // Headless: gives the pod its stable DNS name (postgres-0.postgres-headless).
        KubeService.Builder.create(charts.get(Component.SERVICES), name + "-headless")
                .metadata(ObjectMeta.builder().name(name + "-headless").namespace(namespace).labels(selector).build())
                .spec(ServiceSpec.builder().clusterIp("None").selector(selector).ports(List.of(servicePort))
                        .publishNotReadyAddresses(false).build())
                .build();
        KubeService.Builder.create(charts.get(Component.SERVICES), name + "-service")
                .metadata(ObjectMeta.builder().name(name + "-service").namespace(namespace).labels(selector).build())
                .spec(ServiceSpec.builder().type("ClusterIP").selector(selector).ports(List.of(servicePort)).build())
                .build();
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return EnvVar.builder().name(name).valueFrom(EnvVarSource.builder()
                .secretKeyRef(SecretKeySelector.builder().name(secret).key(key).build()).build()).build();
    }

    private static Probe exec(String script, int periodSeconds, int failureThreshold) {
        return Probe.builder().exec(ExecAction.builder().command(List.of("sh", "-c", script)).build())
                .periodSeconds(periodSeconds).timeoutSeconds(5).failureThreshold(failureThreshold).build();
    }

    static Volume scratch(String name) {
        return Volume.builder().name(name).emptyDir(EmptyDirVolumeSource.builder()
                .medium("Memory").sizeLimit(JsiiValues.quantity("64Mi")).build()).build();
    }

    static ResourceRequirements resources(ResourceBudget r) {
        return ResourceRequirements.builder()
                .requests(Map.of("cpu", JsiiValues.quantity(r.requestCpu()), "memory", JsiiValues.quantity(r.requestMemory())))
                .limits(Map.of("cpu", JsiiValues.quantity(r.limitCpu()), "memory", JsiiValues.quantity(r.limitMemory())))
                .build();
    }
}
