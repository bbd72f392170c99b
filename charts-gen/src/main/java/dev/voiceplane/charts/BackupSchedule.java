package dev.voiceplane.charts;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.ResourceBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.ConfigMapKeySelector;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.CronJobSpec;
import org.cdk8s.plus33.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.JobSpec;
import org.cdk8s.plus33.k8s.JobTemplateSpec;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.KubeCronJob;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimVolumeSource;
import org.cdk8s.plus33.k8s.Quantity;
import org.cdk8s.plus33.k8s.ResourceRequirements;
import org.cdk8s.plus33.k8s.SecretKeySelector;
import org.cdk8s.plus33.k8s.SecretVolumeSource;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * The BharatVoice guide's automated backups, as CronJobs on India time ({@code Asia/Kolkata}):
 * <ul>
 *   <li>{@code postgres-backup}: daily at 02:00, {@code pg_dump} compressed, encrypted, 30 days kept;</li>
 *   <li>{@code redis-backup}: daily at 03:00, an RDB snapshot, 7 days kept;</li>
 *   <li>{@code data-backup}: weekly (Sunday 04:00), the application's data volume, 30 days kept.</li>
 * </ul>
 * Each run dumps, gzips, encrypts with GnuPG for the backup public key (only the public key is in
 * the cluster), uploads — S3 with KMS on AWS, Blob Storage on Azure, a {@code bulk-storage} volume on
 * a laptop — and deletes copies older than its retention (the bucket's lifecycle rules move the rest
 * to colder tiers; on Azure, see below). Runs never overlap ({@code Forbid}) and a few finished Jobs are kept for
 * inspection. Jobs are hardened like every workload and read credentials only by Secret reference;
 * the upload uses the pod's cloud identity, so no cloud key exists at all. On Azure the container's
 * lifecycle rule (infra) expires old copies, so the jobs' identity needs no delete permission.
 *
 * <p>Only in-cluster stores are backed up here; managed ones have their cloud's point-in-time
 * backups. The script is {@code backup.sh} beside this class, shipped in a ConfigMap.
 *
 * <p>Recovery point: the nightly dump alone would put in-cluster PostgreSQL up to 24 h back; with
 * {@link WalArchiving} its WAL is archived continuously (archive_timeout 60 s) and the nightly run also
 * takes a WAL-G base backup, so it can be restored to any moment of the retention window (less its first
 * day) with a recovery point of about a minute: {@code voiceplane restore --store postgres --to-time <time>}.
 * Redis (AOF on its volume, RDB copies nightly) and the data volume (weekly) keep their copies' recovery points;
 * managed stores have their cloud's point-in-time backups. Every run is watched:
 * {@link dev.voiceplane.charts.monitoring.AlertRules#backups} pages on a failed or missed backup.
 */
public final class BackupSchedule extends Construct {
    public static final String TIME_ZONE = "Asia/Kolkata";
    public static final String IMAGE_REPOSITORY = "voiceplane/backup-tools";
    /** The Secret key holding the ASCII-armoured GnuPG public key backups are encrypted for. */
    public static final String GPG_PUBLIC_KEY = "BACKUP_GPG_PUBLIC_KEY";
    /**
     * The Secret key holding the private key a restore decrypts with. The private key never lives in the
     * cluster: the operator creates {@link #restoreKeySecret} for a restore and deletes it afterwards;
     * {@code voiceplane restore} mounts it at {@code /restore-key} and runs {@code backup.sh} with
     * {@code MODE=restore}.
     */
    public static final String GPG_PRIVATE_KEY = "BACKUP_GPG_PRIVATE_KEY";
    public static final int RUN_AS = 10001;
    static final ResourceBudget RESOURCES = new ResourceBudget("100m", "256Mi", "500m", "512Mi");
    /** Disk-backed scratch a dump is staged on before upload. */
    static final String SCRATCH = "20Gi";
    /** The scratch plus room for the container's logs and writable layer. */
    static final String EPHEMERAL_LIMIT = "21Gi";
    static final String SCRIPT = loadScript();

    /** One scheduled backup. */
    public record Job(String name, String kind, String schedule, int retentionDays) {
        /** Hours between two runs: a week when the schedule names a day of the week, else a day. */
        public int periodHours() {
            return schedule.trim().split("\\s+")[4].equals("*") ? 24 : 7 * 24;
        }
    }

    public static final Job POSTGRES = new Job("postgres-backup", "postgres", "0 2 * * *", 30);
    public static final Job REDIS = new Job("redis-backup", "redis", "0 3 * * *", 7);
    public static final Job DATA = new Job("data-backup", "data", "0 4 * * 0", 30);

    /**
     * What to back up and where. Required: the system, its namespace, the backup tools' image and the
     * destination; store hosts, names and claims default to what {@link PostgresStore} and {@link RedisStore} and the systems build.
     */
    public static final class Props {
        private final String system;
        private final String namespace;
        private final String image;
        private final BackupDestination destination;
        private final String postgresHost;
        private final String redisHost;
        private final Optional<String> dataClaim;
        private final String configMapName;
        private final String secretName;
        private final String backupSecretName;
        private final Optional<Placement> placement;

        private Props(Builder b) {
            system = b.system;
            namespace = b.namespace;
            image = b.image;
            destination = b.destination;
            postgresHost = b.postgresHost != null ? b.postgresHost : serviceHost(DataStore.POSTGRES, b.namespace);
            redisHost = b.redisHost != null ? b.redisHost : serviceHost(DataStore.REDIS, b.namespace);
            dataClaim = Optional.ofNullable(b.dataClaim);
            configMapName = b.configMapName != null ? b.configMapName : new Names(b.system).configMap();
            secretName = b.secretName != null ? b.secretName : new Names(b.system).appSecrets();
            backupSecretName = b.backupSecretName != null ? b.backupSecretName : new Names(b.system).backupSecrets();
            placement = Optional.ofNullable(b.placement);
        }

        private static String serviceHost(DataStore store, String namespace) {
            return StoreStatefulSet.host(store.id(), namespace);
        }

        /**
         * @param system      names the account, scripts and secrets, and prefixes every copy
         * @param namespace   where the jobs run, beside the stores
         * @param image       full image reference of the backup tools
         * @param destination where copies go and as whom the jobs upload
         */
        public static Builder builder(String system, String namespace, String image, BackupDestination destination) {
            return new Builder(system, namespace, image, destination);
        }

        public String system() {
            return system;
        }

        public String namespace() {
            return namespace;
        }

        public String image() {
            return image;
        }

        public BackupDestination destination() {
            return destination;
        }

        public String postgresHost() {
            return postgresHost;
        }

        public String redisHost() {
            return redisHost;
        }

        public Optional<String> dataClaim() {
            return dataClaim;
        }

        public String configMapName() {
            return configMapName;
        }

        public String secretName() {
            return secretName;
        }

        public String backupSecretName() {
            return backupSecretName;
        }

        public Optional<Placement> placement() {
            return placement;
        }

        public static final class Builder {
            private final String system;
            private final String namespace;
            private final String image;
            private final BackupDestination destination;
            private String postgresHost;
            private String redisHost;
            private String dataClaim;
            private String configMapName;
            private String secretName;
            private String backupSecretName;
            private Placement placement;

            private Builder(String system, String namespace, String image, BackupDestination destination) {
                this.system = Objects.requireNonNull(system, "system");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.image = Objects.requireNonNull(image, "image");
                this.destination = Objects.requireNonNull(destination, "destination");
            }

            /** PostgreSQL's host. Default: the in-cluster client Service, {@code postgres-service.<namespace>.svc.cluster.local}. */
            public Builder postgresHost(String postgresHost) {
                this.postgresHost = Objects.requireNonNull(postgresHost, "postgresHost");
                return this;
            }

            /** Redis's host. Default: the in-cluster client Service, {@code redis-service.<namespace>.svc.cluster.local}. */
            public Builder redisHost(String redisHost) {
                this.redisHost = Objects.requireNonNull(redisHost, "redisHost");
                return this;
            }

            /** The application's data volume, backed up weekly ({@link #DATA}). Default none: no data job. */
            public Builder dataClaim(String dataClaim) {
                this.dataClaim = Objects.requireNonNull(dataClaim, "dataClaim");
                return this;
            }

            /** The ConfigMap holding DB_NAME. Default {@code <system>-config}. */
            public Builder configMapName(String configMapName) {
                this.configMapName = Objects.requireNonNull(configMapName, "configMapName");
                return this;
            }

            /** The Secret holding the store credentials. Default {@code <system>-secrets}. */
            public Builder secretName(String secretName) {
                this.secretName = Objects.requireNonNull(secretName, "secretName");
                return this;
            }

            /** The Secret holding {@value #GPG_PUBLIC_KEY}. Default {@code <system>-backup-secrets}. */
            public Builder backupSecretName(String backupSecretName) {
                this.backupSecretName = Objects.requireNonNull(backupSecretName, "backupSecretName");
                return this;
            }

            /**
             * Where each object goes: the CronJobs stay under the construct, their ServiceAccount and
             * script go to {@link Component#CONFIG_SECURITY}. Default: all under the construct.
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

    private final List<Flow> flows = new ArrayList<>();
    private final Map<String, KubeCronJob> cronJobs = new TreeMap<>();
    private final Props props;

    public BackupSchedule(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        Problems.report(this, props.destination().problems());
        Placement at = props.placement().orElse(Placement.within(this));
        String account = account(props.system());
        new AccessControl(at.get(Component.CONFIG_SECURITY), "backup-access",
                AccessControl.Props.builder(account, props.namespace()).annotations(props.destination().accountAnnotations()).build());
        String scripts = props.system() + "-backup-scripts";
        KubeConfigMap.Builder.create(at.get(Component.CONFIG_SECURITY), "backup-scripts")
                .metadata(ObjectMeta.builder().name(scripts).namespace(props.namespace())
                        .labels(Map.of(Labels.COMPONENT, "backup")).build())
                .data(Map.of("backup.sh", SCRIPT))
                .build();

        cronJob(props, POSTGRES, account, scripts, List.of(
                value("DB_HOST", props.postgresHost()),
                value("DB_PORT", Integer.toString(DataStore.POSTGRES.port())),
                configValue(Env.DB_NAME, props.configMapName()),
                secretValue(Env.DB_USERNAME, props.secretName(), false),
                secretValue(Env.DB_PASSWORD, props.secretName(), false)), List.of(), List.of());
        flows.add(Flow.tcp(Flow.Peer.workload(POSTGRES.name()), Flow.Peer.workload(PostgresStore.NAME),
                DataStore.POSTGRES.port(), "backups: " + POSTGRES.name() + " dumps postgres"));

        cronJob(props, REDIS, account, scripts, List.of(
                value("REDIS_HOST", props.redisHost()),
                value("REDIS_PORT", Integer.toString(DataStore.REDIS.port())),
                secretValue(Env.REDIS_PASSWORD, props.secretName(), true)), List.of(), List.of());
        flows.add(Flow.tcp(Flow.Peer.workload(REDIS.name()), Flow.Peer.workload(RedisStore.NAME),
                DataStore.REDIS.port(), "backups: " + REDIS.name() + " snapshots redis"));

        props.dataClaim().ifPresent(claim -> cronJob(props, DATA, account, scripts, List.of(),
                List.of(Volume.builder().name("data").persistentVolumeClaim(PersistentVolumeClaimVolumeSource.builder()
                        .claimName(claim).readOnly(true).build()).build()),
                List.of(VolumeMount.builder().name("data").mountPath("/data").readOnly(true).build())));
        if (props.destination().cloud() != Cloud.NONE) {
            for (Job job : jobs(props)) {
                flows.add(Flow.tcp(Flow.Peer.workload(job.name()), Flow.Peer.internet(), Flow.HTTPS,
                        "backups: " + job.name() + " uploads to " + props.destination().service()));
            }
        }
    }

    /** The service account the jobs run as, with the cloud identity that uploads (also {@link WalArchiving}'s). */
    public static String account(String system) {
        return new Names(system).backupAccount();
    }

    /** The CronJob of a scheduled backup this construct made. */
    public KubeCronJob cronJob(Job job) {
        return java.util.Objects.requireNonNull(cronJobs.get(job.name()), () -> "no CronJob " + job.name());
    }

    /** The connections the jobs need, for {@link NetworkPolicies}. */
    public List<Flow> flows() {
        return List.copyOf(flows);
    }

    /** The jobs this schedule runs. */
    public List<Job> jobs() {
        return jobs(props);
    }

    /** The jobs a stack with these props runs. */
    public static List<Job> jobs(Props props) {
        return jobs(props.dataClaim().isPresent());
    }

    /** The jobs of a system's in-cluster stores, with the data volume's when it has one. */
    public static List<Job> jobs(boolean dataVolume) {
        return dataVolume ? List.of(POSTGRES, REDIS, DATA) : List.of(POSTGRES, REDIS);
    }

    /** The Secret holding {@value #GPG_PRIVATE_KEY} while a restore of {@code system} runs. */
    public static String restoreKeySecret(String system) {
        return new Names(system).restoreKey();
    }

    private void cronJob(Props p, Job job, String account, String scripts, List<EnvVar> env, List<Volume> extraVolumes,
                         List<VolumeMount> extraMounts) {
        Map<String, String> labels = Labels.ofWorkload(job.name(), "backup");
        Map<String, String> podLabels = new TreeMap<>(labels);
        podLabels.putAll(p.destination().podLabels());
        List<EnvVar> allEnv = new ArrayList<>(env);
        allEnv.add(value("KIND", job.kind()));
        allEnv.add(value("DESTINATION", p.destination().uri(p.system(), job.kind())));
        allEnv.add(value("RETENTION_DAYS", Integer.toString(job.retentionDays())));

        List<Volume> volumes = new ArrayList<>(extraVolumes);
        List<VolumeMount> mounts = new ArrayList<>(extraMounts);
        volumes.add(Volume.builder().name("scripts").configMap(ConfigMapVolumeSource.builder().name(scripts).build()).build());
        mounts.add(VolumeMount.builder().name("scripts").mountPath("/scripts").readOnly(true).build());
        volumes.add(Volume.builder().name("keys").secret(SecretVolumeSource.builder().secretName(p.backupSecretName())
                .defaultMode(0440).build()).build());
        mounts.add(VolumeMount.builder().name("keys").mountPath("/keys").readOnly(true).build());
        // Disk-backed scratch: a dump can be far larger than memory.
        volumes.add(Volume.builder().name("tmp").emptyDir(EmptyDirVolumeSource.builder().sizeLimit(JsiiValues.quantity(SCRATCH)).build()).build());
        mounts.add(VolumeMount.builder().name("tmp").mountPath("/tmp").build());
        if (p.destination().cloud() == Cloud.NONE) {
            volumes.add(Volume.builder().name("backups").persistentVolumeClaim(PersistentVolumeClaimVolumeSource.builder()
                    .claimName(p.destination().bucket()).build()).build());
            mounts.add(VolumeMount.builder().name("backups").mountPath("/backups").build());
        }

        Container container = Container.builder()
                .name("backup").image(p.image()).imagePullPolicy("IfNotPresent")
                .command(List.of("/bin/sh", "/scripts/backup.sh"))
                .env(allEnv)
                .resources(resources())
                .securityContext(Hardening.container(RUN_AS))
                .volumeMounts(mounts)
                .build();
        cronJobs.put(job.name(), KubeCronJob.Builder.create(this, job.name())
                .metadata(ObjectMeta.builder().name(job.name()).namespace(p.namespace()).labels(labels).build())
                .spec(CronJobSpec.builder()
                        .schedule(job.schedule())
                        .timeZone(TIME_ZONE)
                        .concurrencyPolicy("Forbid")
                        // A run missed by more than an hour (control plane down) waits for the next slot.
                        .startingDeadlineSeconds(3600)
                        .successfulJobsHistoryLimit(3)
                        .failedJobsHistoryLimit(5)
                        .jobTemplate(JobTemplateSpec.builder()
                                .metadata(ObjectMeta.builder().labels(labels).build())
                                .spec(JobSpec.builder()
                                        .backoffLimit(2)
                                        .activeDeadlineSeconds(3 * 3600)
                                        // Out of the mesh like every HardenedPod: a sidecar never exits, so the Job would never complete.
                                        .template(HardenedPod.builder(account, RUN_AS, container).labels(podLabels)
                                                .restartPolicy("Never").volumes(volumes).build())
                                        .build())
                                .build())
                        .build())
                .build());
    }

    /**
     * CPU and memory, and the scratch volume as ephemeral storage: requested, the scheduler places the
     * Job only on a node with the space; limited, a runaway dump is evicted rather than filling the
     * node's disk (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage).
     * Nodes need their 20Gi free beyond images and logs (infra: node disks of 50 GiB or more).
     */
    private static ResourceRequirements resources() {
        ResourceRequirements base = HardenedPod.resources(RESOURCES);
        Map<String, Quantity> requests = new TreeMap<>(base.getRequests());
        Map<String, Quantity> limits = new TreeMap<>(base.getLimits());
        requests.put("ephemeral-storage", JsiiValues.quantity(SCRATCH));
        limits.put("ephemeral-storage", JsiiValues.quantity(EPHEMERAL_LIMIT));
        return ResourceRequirements.builder().requests(requests).limits(limits).build();
    }

    private static EnvVar value(String name, String value) {
        return EnvVar.builder().name(name).value(value).build();
    }

    private static EnvVar configValue(String key, String configMap) {
        return EnvVar.builder().name(key).valueFrom(EnvVarSource.builder().configMapKeyRef(
                ConfigMapKeySelector.builder().name(configMap).key(key).build()).build()).build();
    }

    private static EnvVar secretValue(String key, String secret, boolean optional) {
        return EnvVar.builder().name(key).valueFrom(EnvVarSource.builder().secretKeyRef(
                SecretKeySelector.builder().name(secret).key(key).optional(optional).build()).build()).build();
    }

    private static String loadScript() {
        try (InputStream in = BackupSchedule.class.getResourceAsStream("backup.sh")) {
            if (in == null) {
                throw new IllegalStateException("backup.sh missing beside BackupSchedule");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
