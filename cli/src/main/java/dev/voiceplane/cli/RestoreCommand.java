package dev.voiceplane.cli;

import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.DataStores;
import dev.voiceplane.charts.Labels;
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
 *
 * <p>{@code --to-time} restores PostgreSQL to a moment instead of a nightly copy (point-in-time recovery,
 * {@link dev.voiceplane.charts.WalArchiving}): with the writers and PostgreSQL stopped, the Job (as the postgres
 * user, with the data volume mounted) fetches the newest base backup finished before that time next to the live
 * data, leaves the recovery settings in it and only then swaps the directories (the old one is kept as
 * {@code pgdata.before-<time>}); PostgreSQL, started first, replays the archived WAL up to the time and promotes.
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

    @Option(names = "--from", paramLabel = "<backup>",
            description = "File name of the copy under the backup destination, e.g. postgres-20250101T020000Z.sql.gz.gpg.")
    String from;

    @Option(names = "--to-time", paramLabel = "<time>",
            description = "postgres only, instead of --from: recover to this moment from the WAL archive, as RFC 3339 with an offset "
                    + "(e.g. 2026-11-30T08:15:00Z or 2026-11-30T13:45:00+05:30); it must be in the past.")
    String toTime;

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
        if ((from == null) == (toTime == null)) {
            return fail(ExitCode.BAD_INPUT, "give either --from <copy> or --to-time <time> (postgres only), not " + (from == null ? "neither" : "both"));
        }
        String target = null;
        if (toTime != null) {
            if (store != Store.postgres) {
                return fail(ExitCode.BAD_INPUT, "--to-time: only postgres archives its WAL; restore " + store + " with --from <copy>");
            }
            java.time.Instant at;
            try {
                at = java.time.OffsetDateTime.parse(toTime).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                return fail(ExitCode.BAD_INPUT, "--to-time: '" + toTime + "' is not an RFC 3339 time with an offset, e.g. 2026-11-30T08:15:00Z");
            }
            if (at.isAfter(java.time.Instant.now())) {
                return fail(ExitCode.BAD_INPUT, "--to-time: " + toTime + " is in the future; the archive reaches at most the present");
            }
            target = at.toString();
        }
        String source = target == null ? from : "its state at " + target;
        if (!yes) {
            return fail(ExitCode.BAD_INPUT, "restore replaces the live data of " + store + " in stack '" + stackOption.stack()
                    + "' with " + source + "; run again with --yes to confirm (nothing was changed)");
        }
        if (from != null && (from.isBlank() || from.contains("/") || from.startsWith(".."))) {
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
            StatefulSet storeSet = null;
            // Redis reads a snapshot only at start, and a point-in-time recovery replaces PostgreSQL's files:
            // both stop the store and restore into its volume.
            String setName = store == Store.redis ? DataStores.REDIS : target != null ? DataStores.POSTGRES : null;
            if (setName != null) {
                storeSet = cluster.client().apps().statefulSets().inNamespace(namespace).withName(setName).get();
                if (storeSet == null || storeSet.getSpec().getVolumeClaimTemplates().isEmpty()) {
                    return fail(ExitCode.UNEXPECTED_STATE, "no StatefulSet " + namespace + "/" + setName + " with a data volume to restore into");
                }
                claim = storeSet.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName() + "-" + setName + "-0";
            }

            Map<String, Integer> stopped = new LinkedHashMap<>();
            boolean succeeded = false;
            try {
                for (Deployment writer : writers(cluster, stack)) {
                    stop(cluster, "Deployment", writer.getMetadata().getName(), namespace, writer.getSpec().getReplicas(), stopped);
                }
                if (storeSet != null) {
                    stop(cluster, "StatefulSet", setName, namespace, storeSet.getSpec().getReplicas(), stopped);
                }
                String volumeClaim = claim;
                String targetTime = target;
                Job job = cluster.client().batch().v1().jobs().inNamespace(namespace)
                        .resource(JobRuns.fromCronJob(cronJob, "restore", j -> restoreJob(j, keySecret, volumeClaim, targetTime))).create();
                terminal.progress("Started job/" + job.getMetadata().getName() + ": restore " + store + " to " + source);
                JobRuns.Outcome outcome = JobRuns.await(cluster, job, timeoutSeconds, terminal);
                succeeded = outcome == JobRuns.Outcome.SUCCEEDED;
                if (!succeeded) {
                    terminal.error("job/" + job.getMetadata().getName() + ": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                            + "; see: kubectl -n " + namespace + " logs job/" + job.getMetadata().getName());
                }
            } finally {
                start(cluster, namespace, stopped);
            }
            String what = target == null ? from : target;
            if (succeeded) {
                terminal.success(target == null ? "Restored " + store + " of stack '" + stack.name() + "' from " + from
                        : "Prepared " + store + " of stack '" + stack.name() + "' for recovery to " + target + "; it replays the archived WAL "
                                + "and promotes as it starts (kubectl -n " + namespace + " logs " + DataStores.POSTGRES + "-0 -c postgres). Delete Secret "
                                + keySecret + " once it accepts writes, and pgdata.before-* on its volume once the data is checked");
                terminal.out().println(store + "\t" + what + "\trestored");
            } else {
                terminal.out().println(store + "\t" + what + "\tfailed");
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

    /** In the reverse order of stopping: the store first, then what writes to it. */
    private void start(Cluster cluster, String namespace, Map<String, Integer> stopped) {
        List<Map.Entry<String, Integer>> order = new ArrayList<>(stopped.entrySet());
        java.util.Collections.reverse(order);
        order.forEach(entry -> {
            String workload = entry.getKey();
            int replicas = entry.getValue();
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

    /**
     * The backup pod template with restore mode, the copy to load or the time to recover to, the private key and
     * (Redis, point-in-time PostgreSQL) the store's data volume; a point-in-time restore writes PostgreSQL's files,
     * so it runs as the postgres user, whose files they must be.
     */
    private Job restoreJob(Job job, String keySecret, String claim, String targetTime) {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        container.getEnv().add(new EnvVar("MODE", "restore", null));
        if (targetTime == null) {
            container.getEnv().add(new EnvVar("BACKUP_NAME", from, null));
        } else {
            container.getEnv().add(new EnvVar("RESTORE_TARGET_TIME", targetTime, null));
            long uid = DataStores.POSTGRES_UID;
            pod.getSecurityContext().setRunAsUser(uid);
            pod.getSecurityContext().setRunAsGroup(uid);
            pod.getSecurityContext().setFsGroup(uid);
            container.getSecurityContext().setRunAsUser(uid);
            container.getSecurityContext().setRunAsGroup(uid);
        }
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
