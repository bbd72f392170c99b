package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.cli.cluster.Cluster;
import dev.voiceplane.cli.cluster.JobRuns;
import dev.voiceplane.stack.StackConfig;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voiceplane backup}: the BharatVoice guide's emergency backup ({@code disaster-recovery.sh
 * backup}, {@code backup-database.sh}): runs the stack's backup CronJobs now, one Job each, as
 * {@code kubectl create job --from=cronjob/...} would, and waits for them.
 */
@Command(name = "backup", description = "Back up a stack's in-cluster stores now: a Job from each backup CronJob, waited for.",
        mixinStandardHelpOptions = true, footer = ExitCode.HELP)
final class BackupCommand extends VoiceplaneCommand {
    /** Which stores; their CronJobs are BackupSchedule's. */
    enum Store {
        postgres(BackupSchedule.POSTGRES), redis(BackupSchedule.REDIS), all(null);

        final BackupSchedule.Job job;

        Store(BackupSchedule.Job job) {
            this.job = job;
        }
    }

    @Mixin
    StackOption stackOption;

    @Mixin
    ClusterOptions clusterOptions;

    @Mixin
    OutputOptions output;

    @Option(names = "--store", paramLabel = "<store>", defaultValue = "all",
            description = "What to back up: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Store store;

    long timeoutSeconds = 3600;

    @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "3600",
            description = "Longest wait for each backup Job (default: ${DEFAULT-VALUE}).")
    void timeout(long seconds) {
        timeoutSeconds = Flags.atLeastOne(spec, "--timeout", seconds, " second");
    }

    @Override
    int run() throws Exception {
        StackConfig stack = stackOption.load();
        List<BackupSchedule.Job> jobs = store == Store.all ? List.of(BackupSchedule.POSTGRES, BackupSchedule.REDIS) : List.of(store.job);
        try (Cluster cluster = clusterOptions.connect()) {
            List<CronJob> cronJobs = new ArrayList<>();
            for (BackupSchedule.Job job : jobs) {
                CronJob cronJob = cluster.client().batch().v1().cronjobs().inNamespace(stack.namespace()).withName(job.name()).get();
                if (cronJob == null) {
                    return fail(ExitCode.UNEXPECTED_STATE, "no CronJob " + stack.namespace() + "/" + job.name() + " in " + cluster.description()
                            + "; apply the stack first (stacks with managed stores rely on their cloud's backups)");
                }
                cronJobs.add(cronJob);
            }
            ObjectMapper json = new ObjectMapper();
            ArrayNode report = json.createArrayNode();
            boolean failed = false;
            for (int i = 0; i < cronJobs.size(); i++) {
                CronJob cronJob = cronJobs.get(i);
                Job job = cluster.client().batch().v1().jobs().inNamespace(stack.namespace())
                        .resource(JobRuns.fromCronJob(cronJob, "manual", j -> j)).create();
                terminal.progress("Started job/" + job.getMetadata().getName() + " from cronjob/" + cronJob.getMetadata().getName());
                JobRuns.Outcome outcome = JobRuns.await(cluster, job, timeoutSeconds, terminal);
                String message = "job/" + job.getMetadata().getName() + ": " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                if (outcome == JobRuns.Outcome.SUCCEEDED) {
                    terminal.success(message);
                } else {
                    failed = true;
                    terminal.error(message + (outcome == JobRuns.Outcome.TIMED_OUT ? " after " + timeoutSeconds + " s (it keeps running)" : "")
                            + "; see: kubectl -n " + stack.namespace() + " logs job/" + job.getMetadata().getName());
                }
                report.addObject().put("store", jobs.get(i).kind()).put("job", job.getMetadata().getName())
                        .put("outcome", outcome.name().toLowerCase(Locale.ROOT));
            }
            if (output.format() == OutputFormat.json) {
                terminal.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(
                        json.createObjectNode().put("stack", stack.name()).set("backups", report)));
            } else {
                report.forEach(r -> terminal.out().println(r.path("store").asText() + "\t" + r.path("job").asText() + "\t"
                        + r.path("outcome").asText()));
            }
            terminal.out().flush();
            return failed ? ExitCode.FAILURE : ExitCode.OK;
        }
    }
}
