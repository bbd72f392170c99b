package dev.voiceplane.charts;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.ContainerPort;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.SecretKeySelector;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * Redis in the cluster: the guide's {@code redis:7-alpine} (pinned, see {@link #IMAGE}), persisting
 * with both AOF ({@code appendonly yes}, fsync every second) and RDB snapshots (ai-ninja guide: "Redis
 * persistence with AOF and RDB snapshots"), never evicting, since the worker's job queue lives in it;
 * as the image's own user (999) on a read-only root; a {@link StoreStatefulSet} named {@value #NAME}
 * behind {@code redis-service}, configured by the ConfigMap {@value #CONFIG}.
 */
public final class RedisStore extends Construct {
    public static final String NAME = "redis";
    /** The guide's {@code redis:7-alpine}, pinned like {@link PostgresStore#IMAGE} (library/redis at 37079fb). */
    public static final String IMAGE = "redis:7.4.11-alpine3.21";
    public static final int UID = 999;
    public static final ResourceBudget RESOURCES = new ResourceBudget("100m", "256Mi", "500m", "512Mi");
    static final ResourceBudget FLOOR = new ResourceBudget("50m", "64Mi", "50m", "64Mi");
    /** The ConfigMap holding {@code redis.conf}. */
    public static final String CONFIG = "redis-config";
    private static final String PING = "REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli -h 127.0.0.1 ping | grep -q PONG";

    /** The cache and queue. Required: namespace and the Secret holding its password. */
    public static final class Props {
        private final String namespace;
        private final String secretName;
        private final String size;
        private final boolean recommendations;
        private final Optional<Placement> placement;

        private Props(Builder b) {
            namespace = b.namespace;
            secretName = b.secretName;
            size = b.size;
            recommendations = b.recommendations;
            placement = Optional.ofNullable(b.placement);
        }

        /**
         * @param namespace  where it runs
         * @param secretName holds {@code REDIS_PASSWORD} (optional: without one, Redis is open inside the
         *                   namespace, where network policies admit only the services that declare Redis)
         */
        public static Builder builder(String namespace, String secretName) {
            return new Builder(namespace, secretName);
        }

        public static final class Builder {
            private final String namespace;
            private final String secretName;
            private String size = "5Gi";
            private boolean recommendations;
            private Placement placement;

            private Builder(String namespace, String secretName) {
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.secretName = Objects.requireNonNull(secretName, "secretName");
            }

            /** The data volume's size on {@code fast-ssd}. Default 5Gi. */
            public Builder size(String size) {
                this.size = Objects.requireNonNull(size, "size");
                return this;
            }

            /** Whether a recommendation-mode VPA watches the pod (needs the VPA's CRDs). Default false. */
            public Builder recommendations(boolean recommendations) {
                this.recommendations = recommendations;
                return this;
            }

            /**
             * Where each object goes; see {@link StoreStatefulSet.Props.Builder#placement}; the configuration
             * goes to {@link Component#CONFIG_SECURITY}. Default: all under the construct.
             */
            public Builder placement(Placement placement) {
                this.placement = Objects.requireNonNull(placement, "placement");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public RedisStore(Construct scope, String id, Props props) {
        super(scope, id);
        Placement at = props.placement.orElse(Placement.within(this));
        Map<String, String> labels = Labels.ofWorkload(NAME, "cache");
        KubeConfigMap.Builder.create(at.get(Component.CONFIG_SECURITY), CONFIG)
                .metadata(ObjectMeta.builder().name(CONFIG).namespace(props.namespace).labels(labels).build())
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
        Container container = Container.builder()
                .name(NAME).image(IMAGE).imagePullPolicy("IfNotPresent")
                // The password comes from the Secret at start; an empty one leaves Redis open inside the
                // namespace, where network policies admit only the services that declare Redis.
                .command(List.of("sh", "-c", "exec redis-server /etc/redis/redis.conf ${REDIS_PASSWORD:+--requirepass \"$REDIS_PASSWORD\"}"))
                .ports(List.of(ContainerPort.builder().name(NAME).containerPort(DataStore.REDIS.port()).build()))
                .env(List.of(EnvVar.builder().name(Env.REDIS_PASSWORD).valueFrom(EnvVarSource.builder().secretKeyRef(
                        SecretKeySelector.builder().name(props.secretName).key(Env.REDIS_PASSWORD).optional(true).build()).build()).build()))
                .resources(HardenedPod.resources(RESOURCES))
                .securityContext(Hardening.container(UID))
                .livenessProbe(PostgresStore.exec(PING, 10, 3))
                .readinessProbe(PostgresStore.exec(PING, 5, 3))
                // Loading a large AOF takes a while after a restart.
                .startupProbe(PostgresStore.exec(PING, 5, 60))
                .volumeMounts(List.of(
                        VolumeMount.builder().name("data").mountPath("/data").build(),
                        VolumeMount.builder().name("config").mountPath("/etc/redis").readOnly(true).build(),
                        VolumeMount.builder().name("tmp").mountPath("/tmp").build()))
                .build();
        Volume config = Volume.builder().name("config").configMap(ConfigMapVolumeSource.builder().name(CONFIG).build()).build();
        StoreStatefulSet.Props.Builder set = StoreStatefulSet.Props.builder(NAME, props.namespace, DataStore.REDIS.port(), container)
                .component("cache").runAs(UID).size(props.size).volumes(List.of(config, HardenedPod.memoryScratch("tmp")));
        if (props.recommendations) {
            set.recommendations(FLOOR, RESOURCES);
        }
        props.placement.ifPresent(set::placement);
        new StoreStatefulSet(this, "workload", set.build());
    }
}
