package dev.voiceplane.charts;

import dev.voiceplane.catalog.DataStore;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.stack.Cloud;
import dev.voiceplane.stack.ResourceBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cdk8s.ApiObject;
import org.cdk8s.JsonPatch;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.Container;
import org.cdk8s.plus33.k8s.ContainerPort;
import org.cdk8s.plus33.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus33.k8s.EnvVar;
import org.cdk8s.plus33.k8s.EnvVarSource;
import org.cdk8s.plus33.k8s.HttpGetAction;
import org.cdk8s.plus33.k8s.IntOrString;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimVolumeSource;
import org.cdk8s.plus33.k8s.Probe;
import org.cdk8s.plus33.k8s.SecretKeySelector;
import org.cdk8s.plus33.k8s.SecretVolumeSource;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.KubeService;
import org.cdk8s.plus33.k8s.KubeStatefulSet;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.ServicePort;
import org.cdk8s.plus33.k8s.ServiceSpec;
import dev.voiceplane.charts.monitoring.PrometheusServer;
import software.constructs.Construct;

/**
 * Point-in-time recovery for in-cluster PostgreSQL: continuous WAL archiving with WAL-G
 * (https://github.com/wal-g/wal-g, docs/PostgreSQL.md) to the place the backups already go, so the recovery
 * point is the last archived segment rather than last night's dump.
 * <ul>
 *   <li>PostgreSQL runs with {@code archive_mode=on}, {@code archive_command} handing each finished segment to
 *       {@code wal-g wal-push}, and {@code archive_timeout} {@value #ARCHIVE_TIMEOUT_SECONDS} s, which closes a
 *       segment at least that often when anything was written: the recovery point objective is about a minute
 *       (https://www.postgresql.org/docs/15/continuous-archiving.html). The {@code wal-g} binary comes from the
 *       backup-tools image through an init container (the stock {@code postgres} image has no uploader and a
 *       read-only root); segments are encrypted for the backup public key (WALG_PGP_KEY_PATH, as the dumps are)
 *       and sent with the pod's cloud identity (the backup account), under {@code <postgres destination>/walg}, so
 *       the bucket's existing 30-day lifecycle rule for the postgres prefix expires them with the dumps.</li>
 *   <li>The base backups are the nightly {@code postgres-backup} run: after the dump it streams a physical base
 *       backup with {@code wal-g backup-push} over the replication protocol (WAL-G's remote backup), which
 *       {@value #HBA_CONFIG_MAP}'s {@code host replication} line admits (the image's own pg_hba.conf does not).</li>
 *   <li>postgres_exporter runs beside the database so {@code pg_stat_archiver_failed_count} and
 *       {@code pg_stat_archiver_last_archive_age} reach Prometheus (a ServiceMonitor on {@value #METRICS_SERVICE}),
 *       and {@link dev.voiceplane.charts.monitoring.AlertRules#walArchiving} pages when archiving fails or stalls.</li>
 *   <li>Restore to a time: {@code voiceplane restore --store postgres --to-time <RFC 3339>} fetches the newest base
 *       backup finished before that time into the data volume and leaves {@code recovery.signal} with a
 *       {@code restore_command} (wal-g wal-fetch, decrypting with the private key the operator mounts for the
 *       restore) and {@code recovery_target_time}; PostgreSQL replays to it and promotes.</li>
 * </ul>
 */
public final class WalArchiving extends Construct {
    /** WAL-G release built into the backup-tools image (charts-gen/src/main/docker/backup-tools). */
    public static final String WALG_VERSION = "v3.0.9";
    /** The Prometheus community's PostgreSQL exporter, pinned (https://github.com/prometheus-community/postgres_exporter/releases). */
    public static final String EXPORTER_IMAGE = "quay.io/prometheuscommunity/postgres-exporter:v0.20.1";
    public static final int EXPORTER_PORT = 9187;
    /** The exporter image's own user (nobody). */
    static final int EXPORTER_UID = 65534;
    public static final int ARCHIVE_TIMEOUT_SECONDS = 60;
    public static final String HBA_CONFIG_MAP = "postgres-hba";
    public static final String METRICS_SERVICE = "postgres-metrics";
    /** Where the init container leaves the wal-g binary in the PostgreSQL pod. */
    static final String BIN = "/walg";
    static final String HBA_PATH = "/etc/postgresql/hba/pg_hba.conf";
    /** Room for the wal-g binary (a static build is well under it). */
    static final String BIN_VOLUME = "128Mi";
    static final ResourceBudget INSTALLER_RESOURCES = new ResourceBudget("50m", "32Mi", "100m", "64Mi");
    static final ResourceBudget EXPORTER_RESOURCES = new ResourceBudget("50m", "64Mi", "200m", "128Mi");

    /**
     * What to archive and where. Required: the in-cluster PostgreSQL, the CronJob that takes its base
     * backups and the stack's backup settings; the region and placement have defaults.
     */
    public static final class Props {
        private final KubeStatefulSet postgres;
        private final Construct baseBackups;
        private final BackupSchedule.Props backups;
        private final String region;
        private final Optional<Placement> placement;

        private Props(Builder b) {
            postgres = b.postgres;
            baseBackups = b.baseBackups;
            backups = b.backups;
            region = b.region;
            placement = Optional.ofNullable(b.placement);
        }

        /**
         * @param postgres    the in-cluster PostgreSQL ({@link PostgresStore#statefulSet()})
         * @param baseBackups the postgres-backup CronJob ({@link BackupSchedule#cronJob(BackupSchedule.Job)})
         * @param backups     the stack's backup settings: destination, identity, key Secret, image
         */
        public static Builder builder(KubeStatefulSet postgres, Construct baseBackups, BackupSchedule.Props backups) {
            return new Builder(postgres, baseBackups, backups);
        }

        public KubeStatefulSet postgres() {
            return postgres;
        }

        public Construct baseBackups() {
            return baseBackups;
        }

        public BackupSchedule.Props backups() {
            return backups;
        }

        public String region() {
            return region;
        }

        public Optional<Placement> placement() {
            return placement;
        }

        public static final class Builder {
            private final KubeStatefulSet postgres;
            private final Construct baseBackups;
            private final BackupSchedule.Props backups;
            private String region = "";
            private Placement placement;

            private Builder(KubeStatefulSet postgres, Construct baseBackups, BackupSchedule.Props backups) {
                this.postgres = Objects.requireNonNull(postgres, "postgres");
                this.baseBackups = Objects.requireNonNull(baseBackups, "baseBackups");
                this.backups = Objects.requireNonNull(backups, "backups");
            }

            /** The cloud region, S3's, so WAL-G need not ask the bucket. Default empty; required when backups go to S3. */
            public Builder region(String region) {
                this.region = Objects.requireNonNull(region, "region");
                return this;
            }

            /**
             * Where each object goes: the ConfigMap to {@link Component#CONFIG_SECURITY}, the metrics Service to
             * {@link Component#SERVICES}, its ServiceMonitor to {@link Component#MONITORING}. Default: all under the construct.
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

    private final Cloud cloud;

    public WalArchiving(Construct scope, String id, Props props) {
        super(scope, id);
        KubeStatefulSet postgres = props.postgres();
        Construct baseBackups = props.baseBackups();
        BackupSchedule.Props backups = props.backups();
        String region = props.region();
        Placement at = props.placement().orElse(Placement.within(this));
        cloud = backups.destination().cloud();
        if (cloud == Cloud.AWS && region.isEmpty()) {
            Problems.report(this, List.of("WAL archiving to S3 needs the bucket's region; give WalArchiving.Props.Builder.region the stack's region"));
        }
        String ns = backups.namespace();
        KubeConfigMap.Builder.create(at.get(Component.CONFIG_SECURITY), "postgres-hba")
                .metadata(ObjectMeta.builder().name(HBA_CONFIG_MAP).namespace(ns).labels(Labels.ofWorkload(PostgresStore.NAME, "database")).build())
                .data(Map.of("pg_hba.conf", String.join("\n",
                        "# Written by voiceplane (WalArchiving). The image's rules, plus replication for WAL-G's base backups.",
                        "local all all trust",
                        "host all all all scram-sha-256",
                        "host replication all all scram-sha-256",
                        "")))
                .build();

        List<JsonPatch> patches = new ArrayList<>();
        String pod = "/spec/template/spec";
        patches.add(JsonPatch.add(pod + "/initContainers", List.of(installer(backups.image()))));
        patches.add(JsonPatch.add(pod + "/containers/0/args", List.of("postgres",
                "-c", "archive_mode=on",
                "-c", "archive_command=" + BIN + "/wal-g wal-push %p",
                "-c", "archive_timeout=" + ARCHIVE_TIMEOUT_SECONDS,
                "-c", "hba_file=" + HBA_PATH)));
        for (Map<String, Object> e : env(backups, region)) {
            patches.add(JsonPatch.add(pod + "/containers/0/env/-", e));
        }
        for (Map<String, Object> m : List.of(
                mount("walg", BIN, true), mount("hba", "/etc/postgresql/hba", true), mount("backup-keys", "/keys", true),
                mount("restore-key", "/restore-key", true))) {
            patches.add(JsonPatch.add(pod + "/containers/0/volumeMounts/-", m));
        }
        if (cloud == Cloud.NONE) {
            patches.add(JsonPatch.add(pod + "/containers/0/volumeMounts/-", mount("backups", "/backups", false)));
            patches.add(JsonPatch.add(pod + "/volumes/-", Volume.builder().name("backups").persistentVolumeClaim(
                    PersistentVolumeClaimVolumeSource.builder().claimName(backups.destination().bucket()).build()).build()));
        }
        // Typed L1 values, not maps: the StatefulSet renders quantities and ports through its own types.
        // The binary's volume is on the node's disk for the pod's life: PostgreSQL's container requests the space.
        patches.add(JsonPatch.add(pod + "/containers/0/resources/requests/ephemeral-storage", JsiiValues.quantity(BIN_VOLUME)));
        patches.add(JsonPatch.add(pod + "/volumes/-", Volume.builder().name("walg")
                .emptyDir(EmptyDirVolumeSource.builder().sizeLimit(JsiiValues.quantity(BIN_VOLUME)).build()).build()));
        patches.add(JsonPatch.add(pod + "/volumes/-", Volume.builder().name("hba")
                .configMap(ConfigMapVolumeSource.builder().name(HBA_CONFIG_MAP).build()).build()));
        patches.add(JsonPatch.add(pod + "/volumes/-", Volume.builder().name("backup-keys")
                .secret(SecretVolumeSource.builder().secretName(backups.backupSecretName()).defaultMode(0440).build()).build()));
        // Present only while a restore runs (the operator creates it, voiceplane restore says so): optional.
        patches.add(JsonPatch.add(pod + "/volumes/-", Volume.builder().name("restore-key")
                .secret(SecretVolumeSource.builder().secretName(BackupSchedule.restoreKeySecret(backups.system())).optional(true)
                        .defaultMode(0440).build()).build()));
        patches.add(JsonPatch.add(pod + "/containers/-", exporter(backups.secretName())));
        // The upload uses the backup account's cloud identity, as the backup jobs do: no cloud key anywhere.
        patches.add(JsonPatch.replace(pod + "/serviceAccountName", BackupSchedule.account(backups.system())));
        // ...and so carries the pod labels the identity needs, as the jobs' pods do (Azure's webhook injects only labelled pods).
        new TreeMap<>(backups.destination().podLabels()).forEach((key, value) -> patches.add(
                JsonPatch.add("/spec/template/metadata/labels/" + key.replace("~", "~0").replace("/", "~1"), value)));
        ApiObject.of(postgres).addJsonPatch(patches.toArray(JsonPatch[]::new));

        // The nightly postgres-backup run takes the base backup, with the same storage and key settings.
        List<JsonPatch> job = new ArrayList<>();
        for (Map<String, Object> e : env(backups, region)) {
            job.add(JsonPatch.add("/spec/jobTemplate/spec/template/spec/containers/0/env/-", e));
        }
        ApiObject.of(baseBackups).addJsonPatch(job.toArray(JsonPatch[]::new));

        Map<String, String> selector = Labels.ofWorkload(PostgresStore.NAME, "database");
        Map<String, String> metricsLabels = Labels.ofWorkload(METRICS_SERVICE, "database");
        KubeService.Builder.create(at.get(Component.SERVICES), "postgres-metrics")
                .metadata(ObjectMeta.builder().name(METRICS_SERVICE).namespace(ns).labels(metricsLabels).build())
                .spec(ServiceSpec.builder().clusterIp("None").selector(selector).ports(List.of(ServicePort.builder()
                        .name("metrics").port(EXPORTER_PORT).targetPort(IntOrString.fromString("metrics")).build())).build())
                .build();
        CustomResource.create(at.get(Component.MONITORING), "postgres-monitor", dev.voiceplane.charts.monitoring.Monitoring.API_VERSION,
                "ServiceMonitor", METRICS_SERVICE, ns, metricsLabels, Map.of("spec", Map.of(
                        "selector", Map.of("matchLabels", metricsLabels),
                        "endpoints", List.of(Map.of("port", "metrics", "interval", dev.voiceplane.charts.monitoring.Monitoring.SCRAPE_INTERVAL)))));
    }

    /** The connections archiving adds: PostgreSQL uploads segments (to the cloud), Prometheus reads the exporter. */
    public List<Flow> flows() {
        List<Flow> flows = new ArrayList<>();
        if (cloud != Cloud.NONE) {
            flows.add(Flow.tcp(Flow.Peer.workload(PostgresStore.NAME), Flow.Peer.internet(), Flow.HTTPS,
                    "backups: postgres archives its WAL to " + (cloud == Cloud.AWS ? "S3" : "Blob Storage") + " (wal-g wal-push)"));
        }
        flows.add(Flow.tcp(Flow.Peer.workload(PrometheusServer.WORKLOAD), Flow.Peer.workload(PostgresStore.NAME), EXPORTER_PORT,
                "monitoring: Prometheus reads WAL archiving from postgres_exporter"));
        return flows;
    }

    /** Where WAL-G keeps base backups and segments: beside the postgres dumps, so their retention applies. */
    public static String prefix(BackupSchedule.Props backups) {
        BackupDestination to = backups.destination();
        return to.cloud() == Cloud.AZURE
                ? "azure://" + to.bucket() + "/" + new Names(backups.system()).backupPrefix(BackupSchedule.POSTGRES.kind()) + "/walg"
                : to.uri(backups.system(), BackupSchedule.POSTGRES.kind()) + "/walg";
    }

    /** WAL-G's storage, encryption and connection settings, for the database pod and the backup job alike. */
    static List<Map<String, Object>> env(BackupSchedule.Props backups, String region) {
        Map<String, String> e = new LinkedHashMap<>();
        switch (backups.destination().cloud()) {
            case AWS -> {
                e.put("WALG_S3_PREFIX", prefix(backups));
                e.put("AWS_REGION", region);
                e.put("WALG_S3_SSE", "aws:kms");
            }
            case AZURE -> {
                e.put("WALG_AZ_PREFIX", prefix(backups));
                e.put("AZURE_STORAGE_ACCOUNT", backups.destination().account());
            }
            case NONE -> e.put("WALG_FILE_PREFIX", prefix(backups));
        }
        // Encrypted for the backup public key; only a restore mounts the private key.
        e.put("WALG_PGP_KEY_PATH", "/keys/" + BackupSchedule.GPG_PUBLIC_KEY);
        List<Map<String, Object>> out = new ArrayList<>();
        e.forEach((k, v) -> out.add(Map.of("name", k, "value", v)));
        return out;
    }

    private static Map<String, Object> mount(String volume, String path, boolean readOnly) {
        return Map.of("name", volume, "mountPath", path, "readOnly", readOnly);
    }

    /** Copies wal-g from the backup-tools image into the pod, where archive_command finds it. */
    private static Container installer(String image) {
        return Container.builder()
                .name("install-wal-g").image(image).imagePullPolicy("IfNotPresent")
                .command(List.of("/bin/sh", "-c", "cp /usr/local/bin/wal-g " + BIN + "/wal-g"))
                .resources(HardenedPod.resources(INSTALLER_RESOURCES))
                .securityContext(Hardening.container(PostgresStore.UID))
                .volumeMounts(List.of(VolumeMount.builder().name("walg").mountPath(BIN).build()))
                .build();
    }

    /** postgres_exporter on the database's loopback: pg_stat_archiver and the usual server metrics. */
    private static Container exporter(String secret) {
        return Container.builder()
                .name("exporter").image(EXPORTER_IMAGE).imagePullPolicy("IfNotPresent")
                .ports(List.of(ContainerPort.builder().name("metrics").containerPort(EXPORTER_PORT).build()))
                .env(List.of(
                        secretEnv("DATA_SOURCE_USER", secret, Env.DB_USERNAME),
                        secretEnv("DATA_SOURCE_PASS", secret, Env.DB_PASSWORD),
                        EnvVar.builder().name("DATA_SOURCE_URI").value("127.0.0.1:" + DataStore.POSTGRES.port() + "/postgres?sslmode=disable").build()))
                .readinessProbe(Probe.builder().httpGet(HttpGetAction.builder().path("/metrics").port(JsiiValues.intOrString("metrics")).build())
                        .periodSeconds(30).timeoutSeconds(10).build())
                .livenessProbe(Probe.builder().httpGet(HttpGetAction.builder().path("/").port(JsiiValues.intOrString("metrics")).build())
                        .periodSeconds(60).timeoutSeconds(10).build())
                .resources(HardenedPod.resources(EXPORTER_RESOURCES))
                .securityContext(Hardening.container(EXPORTER_UID))
                .build();
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return EnvVar.builder().name(name).valueFrom(EnvVarSource.builder()
                .secretKeyRef(SecretKeySelector.builder().name(secret).key(key).build()).build()).build();
    }
}
