package dev.voiceplane.cli.cluster;

import dev.voiceplane.cli.Terminal;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Jobs started by hand from a backup CronJob, as {@code kubectl create job --from=cronjob/<name>}
 * makes them: the CronJob's job template (labels, annotations, spec) unchanged, the annotation
 * {@code cronjob.kubernetes.io/instantiate: manual}, and an owner reference to the CronJob so the
 * Job goes when the CronJob does. Then a bounded wait for the outcome.
 */
public final class JobRuns {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** How a Job ended. */
    public enum Outcome { SUCCEEDED, FAILED, TIMED_OUT }

    private JobRuns() {
    }

    /**
     * A Job from {@code cronJob}'s template named {@code <cronjob>-<purpose>-<UTC time>}; {@code edit} may
     * change the pod template (restore does), the backup passes it through.
     */
    public static Job fromCronJob(CronJob cronJob, String purpose, UnaryOperator<Job> edit) {
        var template = cronJob.getSpec().getJobTemplate();
        String name = cronJob.getMetadata().getName() + "-" + purpose + "-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Job job = new JobBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(cronJob.getMetadata().getNamespace())
                .withLabels(template.getMetadata() == null ? null : template.getMetadata().getLabels())
                .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
                .addToAnnotations("cronjob.kubernetes.io/instantiate", "manual")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob")
                        .withName(cronJob.getMetadata().getName()).withUid(cronJob.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
        return edit.apply(job);
    }

    /** Waits for {@code job} to succeed or fail, at most {@code timeoutSeconds}, reporting each change of its pods on stderr. */
    public static Outcome await(Cluster cluster, Job job, long timeoutSeconds, Terminal terminal) {
        String name = job.getMetadata().getName();
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            Job done = cluster.client().batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(name)
                    .waitUntilCondition(current -> {
                        Outcome outcome = outcome(current);
                        String state = current == null || current.getStatus() == null ? "pending" : describe(current.getStatus());
                        if (!state.equals(last.getAndSet(state))) {
                            terminal.progress("  job/" + name + ": " + state);
                        }
                        return outcome != null;
                    }, timeoutSeconds, TimeUnit.SECONDS);
            return Objects.requireNonNull(outcome(done));
        } catch (KubernetesClientTimeoutException e) {
            return Outcome.TIMED_OUT;
        }
    }

    /** SUCCEEDED or FAILED once the Job says so (its Complete or Failed condition, or its pod counts); null while it runs. */
    static Outcome outcome(Job job) {
        if (job == null || job.getStatus() == null) {
            return null;
        }
        JobStatus status = job.getStatus();
        if (status.getConditions() != null) {
            for (var condition : status.getConditions()) {
                if ("True".equals(condition.getStatus()) && "Complete".equals(condition.getType())) {
                    return Outcome.SUCCEEDED;
                }
                if ("True".equals(condition.getStatus()) && "Failed".equals(condition.getType())) {
                    return Outcome.FAILED;
                }
            }
        }
        return status.getSucceeded() != null && status.getSucceeded() > 0 ? Outcome.SUCCEEDED : null;
    }

    private static String describe(JobStatus status) {
        return "active " + zero(status.getActive()) + ", succeeded " + zero(status.getSucceeded()) + ", failed " + zero(status.getFailed());
    }

    private static int zero(Integer n) {
        return n == null ? 0 : n;
    }
}
