package dev.voiceplane.cli;

import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.charts.RedisStore;
import dev.voiceplane.cli.cluster.Cluster;
import dev.voiceplane.cli.cluster.JobRuns;
import dev.voiceplane.stack.StackConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane restore}: the BharatVoice guide's {@code restore-database.sh backup_file.sql.gpg}
 * and database-only disaster recovery. Stops what writes to the store (and, for Redis, the store
 * itself: it reads a snapshot only at start), runs {@code backup.sh} with {@code MODE=restore} from
 * the backup CronJob's pod template with the private key mounted, and starts everything again at
 * the replica counts it had — also when the restore fails, since a failed restore leaves the data
 * as it was (PostgreSQL loads in one transaction; Redis keeps its append-only file).
 */
@Command(name = "restore", description = "Restore a store from a backup copy; overwrites live data, so it needs --yes.",
        mixinStandardHelpOptions = true, footer = ExitCode.HELP)
final class RestoreCommand extends VoiceplaneCommand {
    enum Store { postgres, redis }

    /** Where the replica count before the restore is kept, so a broken run can be undone by hand. */
    static final String REPLICAS_BEFORE = "voiceplane.dev/replicas-before-restore";

    @Mixin
    StackOption stackOption;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--store", required = true, paramLabel = "<store>", description = "Store to restore: ${COMPLETION-CANDIDATES}.")
    Store store;

    @Option(names = "--from", required = true, paramLabel = "<backup>",
            description = "File name of the copy under the backup destination, e.g. postgres-20250101T020000Z.sql.gz.gpg.")
    String from;

    @Option(names = "--yes", description = "Confirm: the store's live data is replaced by the copy.")
    boolean yes;

    long timeoutSeconds = 3600;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "3600",
            description = "Longest wait for the restore Job, and for writers to stop (default: ${DEFAULT-VALUE}).")
    void timeout(long seconds) {
        timeoutSeconds = Flags.atLeastOne(spec, "--timeout", seconds, " second");
    }

    @Override
    int run() throws Exception {
        if (!yes) {
            return fail(ExitCode.BAD_INPUT, "restore replaces the live data of " + store + " in stack '" + stackOption.stack()
                    + "' with " + from + "; run again with --yes to confirm (nothing was changed)");
        }
        if (from.isBlank() || from.contains("/") || from.startsWith("..")) {
            return fail(ExitCode.BAD_INPUT, "--from: '" + from + "' must be the file name of a copy, e.g. postgres-20250101T020000Z.sql.gz.gpg");
        }
        StackConfig stack = stackOption.load();
        String namespace = stack.namespace();
        BackupSchedule.Job schedule = store == Store.postgres ? BackupSchedule.POSTGRES : BackupSchedule.REDIS;
        try (Cluster cluster = clusterOptions.connect()) {
            CronJob cronJob = cluster.client().batch().v1().cronjobs().inNamespace(namespace).withName(schedule.name()).get();
            if (cronJob == null) {
                return fail(ExitCode.UNEXPECTED_STATE, "no CronJob " + namespace + "/" + schedule.name() + " in " + cluster.description()
                        + ": this stack has no in-cluster " + store + " backups to restore from");
            }
            String keySecret = BackupSchedule.restoreKeySecret(stack.system().id());
            if (cluster.client().secrets().inNamespace(namespace).withName(keySecret).get() == null) {
                return fail(ExitCode.UNEXPECTED_STATE, "no Secret " + namespace + "/" + keySecret + " with the backup private key; create it "
                        + "for the restore (and delete it afterwards): kubectl -n " + namespace + " create secret generic " + keySecret
                        + " --from-file=" + BackupSchedule.GPG_PRIVATE_KEY + "=backup-private-key.asc");
            }
            String claim = null;
            StatefulSet redis = null;
            if (store == Store.redis) {
                redis = cluster.client().apps().statefulSets().inNamespace(namespace).withName(RedisStore.NAME).get();
                if (redis == null || redis.getSpec().getVolumeClaimTemplates().isEmpty()) {
                    return fail(ExitCode.UNEXPECTED_STATE, "no StatefulSet " + namespace + "/" + RedisStore.NAME + " with a data volume to restore into");
                }
                claim = redis.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName() + "-" + RedisStore.NAME + "-0";
            }

            Map<String, Integer> stopped = new LinkedHashMap<>();
            boolean succeeded = false;
            try {
                for (Deployment writer : writers(cluster, stack)) {
                    stop(cluster, "Deployment", writer.getMetadata().getName(), namespace, writer.getSpec().getReplicas(), stopped);
                }
                if (redis != null) {
                    stop(cluster, "StatefulSet", RedisStore.NAME, namespace, redis.getSpec().getReplicas(), stopped);
                }
                String volumeClaim = claim;
                Job job = cluster.client().batch().v1().jobs().inNamespace(namespace)
                        .resource(JobRuns.fromCronJob(cronJob, "restore", j -> restoreJob(j, keySecret, volumeClaim))).create();
                terminal.progress("Started job/" + job.getMetadata().getName() + ": restore " + store + " from " + from);
                JobRuns.Outcome outcome = JobRuns.await(cluster, job, timeoutSeconds, terminal);
                succeeded = outcome == JobRuns.Outcome.SUCCEEDED;
                if (!succeeded) {
                    terminal.error("job/" + job.getMetadata().getName() + ": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + "; see: kubectl -n " + namespace + " logs job/" + job.getMetadata().getName());
                }
            } finally {
                start(cluster, namespace, stopped);
            }
            if (succeeded) {
                terminal.success("Restored " + store + " of stack '" + stack.name() + "' from " + from);
                terminal.out().println(store + "\t" + from + "\trestored");
            } else {
                terminal.out().println(store + "\t" + from + "\tfailed");
            }
            terminal.out().flush();
            return succeeded ? ExitCode.OK : ExitCode.FAILURE;
        }
    }

    /** The stack's Deployments whose containers are given the store's host: they write to it. */
    private List<Deployment> writers(Cluster cluster, StackConfig stack) {
        String hostVariable = store == Store.postgres ? "DB_HOST" : "REDIS_HOST";
        List<Deployment> writers = new ArrayList<>();
        for (Deployment d : cluster.client().apps().deployments().inNamespace(stack.namespace())
                .withLabel(Labels.STACK, stack.name()).list().getItems()) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            if (containers.stream().anyMatch(c -> c.getEnv() != null && c.getEnv().stream().anyMatch(e -> hostVariable.equals(e.getName())))) {
                writers.add(d);
            }
        }
        return writers;
    }

    private void stop(Cluster cluster, String kind, String name, String namespace, Integer replicas, Map<String, Integer> stopped) {
        int before = replicas == null ? 1 : replicas;
        terminal.progress("Stopping " + kind.toLowerCase(Locale.ROOT) + "/" + name + " (" + before + " replicas) for the restore");
        Resource<? extends HasMetadata> resource = workload(cluster, kind, name, namespace);
        // One merge patch: the count to return to is recorded in the same write that stops it.
        resource.patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + REPLICAS_BEFORE + "\":\"" + before + "\"}},\"spec\":{\"replicas\":0}}");
        stopped.put(kind + "/" + name, before);
        // Nothing may write while the copy loads: wait until no pod of it runs (an HPA leaves a workload at 0 alone).
        workload(cluster, kind, name, namespace).waitUntilCondition(RestoreCommand::stopped, timeoutSeconds, TimeUnit.SECONDS);
    }

    private static boolean stopped(HasMetadata workload) {
        Integer running = workload instanceof Deployment d && d.getStatus() != null ? d.getStatus().getReplicas()
                : workload instanceof StatefulSet s && s.getStatus() != null ? s.getStatus().getReplicas() : null;
        return running == null || running == 0;
    }

    private void start(Cluster cluster, String namespace, Map<String, Integer> stopped) {
        stopped.forEach((workload, replicas) -> {
            String kind = workload.substring(0, workload.indexOf('/'));
            String name = workload.substring(workload.indexOf('/') + 1);
            terminal.progress("Starting " + workload.toLowerCase(Locale.ROOT) + " again (" + replicas + " replicas)");
            workload(cluster, kind, name, namespace).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"metadata\":{\"annotations\":{\"" + REPLICAS_BEFORE + "\":null}},\"spec\":{\"replicas\":" + replicas + "}}");
        });
    }

    @SuppressWarnings("unchecked")
    private static Resource<HasMetadata> workload(Cluster cluster, String kind, String name, String namespace) {
        Object resource = "Deployment".equals(kind) ? cluster.client().apps().deployments().inNamespace(namespace).withName(name)
                : cluster.client().apps().statefulSets().inNamespace(namespace).withName(name);
        return (Resource<HasMetadata>) resource;
    }

    /** The backup pod template with restore mode, the copy to load, the private key and (Redis) its data volume. */
    private Job restoreJob(Job job, String keySecret, String claim) {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        container.getEnv().add(new EnvVar("MODE", "restore", null));
        container.getEnv().add(new EnvVar("BACKUP_NAME", from, null));
        pod.getVolumes().add(new VolumeBuilder().withName("restore-key").withNewSecret().withSecretName(keySecret).withDefaultMode(0400)
                .endSecret().build());
        container.getVolumeMounts().add(new VolumeMountBuilder().withName("restore-key").withMountPath("/restore-key").withReadOnly(true).build());
        if (claim != null) {
            pod.getVolumes().add(new VolumeBuilder().withName("restore-target").withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().build());
            container.getVolumeMounts().add(new VolumeMountBuilder().withName("restore-target").withMountPath("/restore-target").build());
        }
        // A restore is run once, by a person watching: no retry that could load a copy twice.
        job.getSpec().setBackoffLimit(0);
        return job;
    }
}
