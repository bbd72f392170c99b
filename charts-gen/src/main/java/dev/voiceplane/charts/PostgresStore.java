package dev.voiceplane.charts;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cdk8s.plus33.k8s.ConfigMapKeySelector;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.ContainerPort;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.ExecAction;
import org.cdk8s.plus33.k8s.KubeStatefulSet;
import org.cdk8s.plus33.k8s.Probe;
import org.cdk8s.plus33.k8s.SecretKeySelector;
import org.cdk8s.plus33.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * PostgreSQL in the cluster (BharatVoice's guide, and every local stack): the guide's
 * {@code postgres:15-alpine} (pinned, see {@link #IMAGE}) at 250m/512Mi requested, 500m/1Gi limit,
 * checked with {@code pg_isready} over TCP, as the image's own user (70) on a read-only root with
 * memory-backed {@code /var/run/postgresql} and {@code /tmp}; a {@link StoreStatefulSet} named
 * {@value #NAME} behind {@code postgres-service}. User and password come from the system Secret,
 * the database name from its ConfigMap, by reference.
 */
public final class PostgresStore extends Construct {
    public static final String NAME = "postgres";
    /**
     * The guide's {@code postgres:15-alpine}, pinned to the exact release the tag pointed at in
     * docker-library/official-images (library/postgres at 37079fb, 2026-08-21): a floating tag would run
     * different builds on different nodes and after a rollback. Move it on purpose, with the next minor release.
     */
    public static final String IMAGE = "postgres:15.19-alpine3.24";
    /** The image's own user: a different one could not read data an earlier pod wrote. */
    public static final int UID = 70;
    /** The BharatVoice guide's database pod. */
    public static final ResourceBudget RESOURCES = new ResourceBudget("250m", "512Mi", "500m", "1Gi");
    /** The least a recommendation may go to. */
    static final ResourceBudget FLOOR = new ResourceBudget("100m", "256Mi", "100m", "256Mi");
    static final String PGDATA = "/var/lib/postgresql/data";
    private static final String READY = "pg_isready -h 127.0.0.1 -p 5432 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"";

    /** The database. Required: namespace and where its settings come from. */
    public static final class Props {
        private final String namespace;
        private final String configMapName;
        private final String secretName;
        private final String size;
        private final boolean recommendations;
        private final Optional<Placement> placement;

        private Props(Builder b) {
            namespace = b.namespace;
            configMapName = b.configMapName;
            secretName = b.secretName;
            size = b.size;
            recommendations = b.recommendations;
            placement = Optional.ofNullable(b.placement);
        }

        /**
         * @param namespace     where it runs
         * @param configMapName holds {@code DB_NAME}
         * @param secretName    holds {@code DB_USERNAME} and {@code DB_PASSWORD}
         */
        public static Builder builder(String namespace, String configMapName, String secretName) {
            return new Builder(namespace, configMapName, secretName);
        }

        public static final class Builder {
            private final String namespace;
            private final String configMapName;
            private final String secretName;
            private String size = "20Gi";
            private boolean recommendations;
            private Placement placement;

            private Builder(String namespace, String configMapName, String secretName) {
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.configMapName = Objects.requireNonNull(configMapName, "configMapName");
                this.secretName = Objects.requireNonNull(secretName, "secretName");
            }

            /** The data volume's size on {@code fast-ssd}; the guides leave it open. Default 20Gi. */
            public Builder size(String size) {
                this.size = Objects.requireNonNull(size, "size");
                return this;
            }

            /** Whether a recommendation-mode VPA watches the pod (needs the VPA's CRDs). Default false. */
            public Builder recommendations(boolean recommendations) {
                this.recommendations = recommendations;
                return this;
            }

            /** Where each object goes; see {@link StoreStatefulSet.Props.Builder#placement}. Default: all under the construct. */
            public Builder placement(Placement placement) {
                this.placement = Objects.requireNonNull(placement, "placement");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    private final StoreStatefulSet workload;

    public PostgresStore(Construct scope, String id, Props props) {
        super(scope, id);
        List<EnvVar> env = List.of(
                secretEnv("POSTGRES_USER", props.secretName, Env.DB_USERNAME),
                secretEnv("POSTGRES_PASSWORD", props.secretName, Env.DB_PASSWORD),
                EnvVar.builder().name("POSTGRES_DB").valueFrom(EnvVarSource.builder().configMapKeyRef(
                        ConfigMapKeySelector.builder().name(props.configMapName).key(Env.DB_NAME).build()).build()).build(),
                // A subdirectory: the volume's root holds lost+found, which initdb refuses.
                EnvVar.builder().name("PGDATA").value(PGDATA + "/pgdata").build());
        Container container = Container.builder()
                .name(NAME).image(IMAGE).imagePullPolicy("IfNotPresent")
                .ports(List.of(ContainerPort.builder().name(NAME).containerPort(DataStore.POSTGRES.port()).build()))
                .env(env)
                .resources(HardenedPod.resources(RESOURCES))
                .securityContext(Hardening.container(UID))
                // Over TCP: the same path clients take; the variables come from the container's env.
                .livenessProbe(exec(READY, 10, 3)).readinessProbe(exec(READY, 5, 3))
                // initdb on a fresh volume and crash recovery may take minutes.
                .startupProbe(exec(READY, 5, 60))
                .volumeMounts(List.of(
                        VolumeMount.builder().name("data").mountPath(PGDATA).build(),
                        VolumeMount.builder().name("run").mountPath("/var/run/postgresql").build(),
                        VolumeMount.builder().name("tmp").mountPath("/tmp").build()))
                .build();
        StoreStatefulSet.Props.Builder set = StoreStatefulSet.Props.builder(NAME, props.namespace, DataStore.POSTGRES.port(), container)
                .component("database").runAs(UID).size(props.size)
                .volumes(List.of(HardenedPod.memoryScratch("run"), HardenedPod.memoryScratch("tmp")));
        if (props.recommendations) {
            set.recommendations(FLOOR, RESOURCES);
        }
        props.placement.ifPresent(set::placement);
        workload = new StoreStatefulSet(this, "workload", set.build());
    }

    /** The database's StatefulSet, for constructs that extend its pod ({@link WalArchiving}). */
    public KubeStatefulSet statefulSet() {
        return workload.statefulSet();
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return EnvVar.builder().name(name).valueFrom(EnvVarSource.builder()
                .secretKeyRef(SecretKeySelector.builder().name(secret).key(key).build()).build()).build();
    }

    /** A probe running a shell line in the container; stores answer their own protocols, not HTTP. */
    static Probe exec(String script, int periodSeconds, int failureThreshold) {
        return Probe.builder().exec(ExecAction.builder().command(List.of("sh", "-c", script)).build())
                .periodSeconds(periodSeconds).timeoutSeconds(5).failureThreshold(failureThreshold).build();
    }
}
