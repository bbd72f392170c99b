package dev.voiceplane.charts.monitoring;

import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.CustomResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * The guides' alerts as one PrometheusRule per system, read by the Prometheus of {@link Monitoring}.
 * Every alert waits a {@code for} period so one bad scrape pages nobody, and carries a severity
 * ({@code critical} pages, {@code warning} tickets) and a summary/description with the offending
 * label values.
 */
public final class AlertRules extends Construct {

    public enum Severity { WARNING, CRITICAL }

    /**
     * One alerting rule.
     *
     * @param group       rule group, e.g. {@code performance}
     * @param name        alert name in CamelCase
     * @param expr        PromQL that returns a series per firing instance
     * @param forDuration how long the condition must hold, e.g. {@code 5m}
     */
    public record Alert(String group, String name, String expr, String forDuration, Severity severity,
                        String summary, String description) {
        public Alert {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(expr, "expr");
            if (!name.matches("[A-Z][A-Za-z0-9]+")) {
                throw new IllegalArgumentException("alert name '" + name + "' must be CamelCase, as Prometheus alert names are");
            }
            if (!forDuration.matches("[0-9]+[smh]")) {
                throw new IllegalArgumentException("alert " + name + ": 'for' must be a duration such as 5m, got '" + forDuration + "'");
            }
        }

        Map<String, Object> toRule() {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("alert", name);
            rule.put("expr", expr);
            rule.put("for", forDuration);
            rule.put("labels", Map.of("severity", severity.name().toLowerCase(Locale.ROOT)));
            rule.put("annotations", new TreeMap<>(Map.of("summary", summary, "description", description)));
            return rule;
        }
    }

    /** The alerts both guides ask for, for one namespace. */
    public static List<Alert> common(Queries q) {
        List<Alert> alerts = new ArrayList<>();
        alerts.add(new Alert("availability", "ServiceTargetDown", "up" + q.sel("") + " == 0", "2m", Severity.WARNING,
                "{{ $labels.job }} instance {{ $labels.instance }} is down",
                "Prometheus could not scrape {{ $labels.pod }} for 2 minutes: the pod is gone, hung or not ready."));
        alerts.add(new Alert("resources", "ContainerCpuNearLimit", "(" + q.cpuOfLimit() + ") > 0.9", "10m", Severity.WARNING,
                "{{ $labels.pod }}/{{ $labels.container }} uses over 90% of its CPU limit",
                "CPU use is {{ $value | humanizePercentage }} of the limit; the container is being throttled. Scale out or raise the limit."));
        alerts.add(new Alert("resources", "ContainerMemoryNearLimit", "(" + q.memoryOfLimit() + ") > 0.9", "5m", Severity.WARNING,
                "{{ $labels.pod }}/{{ $labels.container }} uses over 90% of its memory limit",
                "Working set is {{ $value | humanizePercentage }} of the limit; the container will be OOM-killed at 100%."));
        alerts.add(new Alert("business", "VoiceProcessingFailures", q.rate(Queries.VOICE_FAILURES, "service") + " > 0.05", "10m",
                Severity.WARNING, "{{ $labels.service }} fails to process voice",
                "{{ $labels.service }} reports {{ $value | humanize }} voice processing failures per second for 10 minutes."));
        alerts.add(new Alert("security", "AuthenticationFailures", q.rate(Queries.AUTH_FAILURES, "service") + " > 1", "5m",
                Severity.WARNING, "Many failed logins on {{ $labels.service }}",
                "More than one authentication failure per second for 5 minutes ({{ $value | humanize }}/s): possible credential stuffing."));
        alerts.add(new Alert("security", "RateLimitBreaches", q.rate(Queries.RATE_LIMIT_REJECTED, "service") + " > 1", "10m",
                Severity.WARNING, "{{ $labels.service }} refuses many requests over their rate limit",
                "{{ $value | humanize }} requests/s refused with 429 for 10 minutes: a client is misbehaving or limits are too tight."));
        return alerts;
    }

    /** The ai-ninja guide's performance and quality alerts: P95 over 800 ms, errors over 5 %, AI response quality under 0.7. */
    public static List<Alert> aiNinja(Queries q) {
        return List.of(
                new Alert("performance", "HighResponseLatency", q.latency(0.95, "service", "") + " > 0.8", "5m", Severity.WARNING,
                        "P95 latency of {{ $labels.service }} above 800 ms",
                        "95th percentile response time of {{ $labels.service }} has been {{ $value | humanizeDuration }} for 5 minutes (threshold 800 ms)."),
                new Alert("performance", "HighErrorRate", "(" + q.errorRatio("service") + ") > 0.05", "5m", Severity.CRITICAL,
                        "More than 5% of {{ $labels.service }} requests fail",
                        "{{ $value | humanizePercentage }} of requests to {{ $labels.service }} answered 5xx over the last 5 minutes."),
                new Alert("business", "AiResponseQualityLow", "avg(" + Queries.AI_RESPONSE_QUALITY + q.sel("") + ") < 0.7", "15m",
                        Severity.WARNING, "AI response quality below 0.7",
                        "Average AI response quality score is {{ $value }} (threshold 0.7) for 15 minutes: check the model provider and prompts."));
    }

    /**
     * BharatVoice's alerts (guide: "Critical alerts (application down, database failure)",
     * "Error rate < 1% for critical endpoints", "Voice processing < 5 seconds", "95th percentile < 2s
     * for simple queries").
     *
     * @param app the application's Service (the scrape job's name)
     */
    public static List<Alert> application(Queries q, String app) {
        String job = "job=\"" + app + "\"";
        return List.of(
                new Alert("availability", "ApplicationDown", "sum(up" + q.sel(job) + ") == 0 or absent(up" + q.sel(job) + ")", "2m",
                        Severity.CRITICAL, app + " is down",
                        "No instance of " + app + " has answered a scrape for 2 minutes: users cannot reach the assistant."),
                // Readiness turns 503 when PostgreSQL (or Redis) stops answering; kubelet probes it every 5 s.
                new Alert("availability", "DatabaseFailure",
                        "sum(rate(" + Queries.HTTP_REQUESTS + "_count" + q.sel(job + ",route=\"/health/ready\",status=\"503\"") + "[5m])) > 0",
                        "2m", Severity.CRITICAL, app + " cannot reach its database",
                        "Readiness of " + app + " fails with 503 for 2 minutes: PostgreSQL or Redis does not answer."),
                // "95th percentile < 2s for simple queries": a typed query is POST /api/queries.
                new Alert("performance", "SimpleQueryLatencyAboveTwoSeconds",
                        q.latency(0.95, "service", job + ",route=\"" + BharatVoiceMetrics.QUERY_ROUTE + "\",method=\"POST\"") + " > 2", "5m",
                        Severity.CRITICAL, "P95 latency of simple queries on " + app + " above 2 s",
                        "95th percentile time to answer a query is {{ $value | humanizeDuration }} (guide target: under 2 s)."),
                // "Error rate < 1% for critical endpoints": the query, voice and login routes users depend on.
                new Alert("performance", "CriticalEndpointErrors", "(" + BharatVoiceMetrics.criticalErrorRatio(q, job) + ") > 0.01", "5m",
                        Severity.CRITICAL, "More than 1% of {{ $labels.route }} requests fail",
                        "{{ $value | humanizePercentage }} of requests to {{ $labels.route }} answered 5xx over 5 minutes (guide target: under 1%)."),
                // "Voice processing < 5 seconds": the worker's voice jobs, end to end.
                new Alert("performance", "VoiceProcessingSlow", BharatVoiceMetrics.voiceJobLatency(q, 0.95, "kind") + " > 5", "10m",
                        Severity.WARNING, "P95 of {{ $labels.kind }} jobs above 5 s",
                        "95th percentile duration of {{ $labels.kind }} is {{ $value | humanizeDuration }} (guide target: under 5 s). "
                                + "Check the queue depth and the worker's CPU."),
                // The same two targets on what a user waits for: upload accepted to answer audio ready, per language.
                new Alert("performance", "VoiceSimpleQueryAboveTwoSeconds",
                        BharatVoiceMetrics.voiceQueryLatency(q, 0.95, "simple", "language") + " > 2", "10m",
                        Severity.WARNING, "P95 of simple {{ $labels.language }} voice queries above 2 s",
                        "95th percentile from upload to spoken answer is {{ $value | humanizeDuration }} for short {{ $labels.language }} "
                                + "questions (guide target: under 2 s). The stage panel shows which of transcribe and synthesize grew."),
                new Alert("performance", "VoiceComplexQueryAboveFiveSeconds",
                        BharatVoiceMetrics.voiceQueryLatency(q, 0.95, "complex", "language") + " > 5", "10m",
                        Severity.WARNING, "P95 of complex {{ $labels.language }} voice queries above 5 s",
                        "95th percentile from upload to spoken answer is {{ $value | humanizeDuration }} for longer {{ $labels.language }} "
                                + "questions (guide target: under 5 s)."),
                new Alert("business", "VoiceStageFailing",
                        "sum by (stage, language) (rate(" + BharatVoiceMetrics.VOICE_STAGE_FAILURES + q.sel("") + "[10m])) > 0.05", "10m",
                        Severity.WARNING, "Voice queries failing at {{ $labels.stage }} ({{ $labels.language }})",
                        "{{ $value }} failed attempts per second at the {{ $labels.stage }} stage for {{ $labels.language }} over 10 minutes: "
                                + "check the speech provider (throttling, refusals) and the job's lastError."));
    }

    /** How long past its period a backup may go without success before it pages. */
    static final int BACKUP_SLACK_HOURS = 2;
    /** How long a failed run keeps its alert firing; after that the missed-backup alert speaks. */
    static final int FAILED_RUN_HOURS = 6;

    /**
     * Alerts on the backup CronJobs from kube-state-metrics: a run that failed in the last hours, and
     * a job without a success within its period plus {@value #BACKUP_SLACK_HOURS} h, or with none
     * since it was created that long ago (kube_cronjob_status_last_successful_time exists only after
     * a first success). Empty without backups.
     */
    public static List<Alert> backups(Queries q, List<BackupSchedule.Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        String names = String.join("|", jobs.stream().map(BackupSchedule.Job::name).toList());
        String failed = "max by (namespace, job_name) (kube_job_status_failed" + q.sel("job_name=~\"(" + names + ")-[0-9]+\"") + " > 0)"
                + "\n  and on (namespace, job_name)\n(time() - kube_job_status_start_time" + q.sel("") + " < " + FAILED_RUN_HOURS * 3600 + ")";
        List<String> missed = new ArrayList<>();
        for (BackupSchedule.Job job : jobs) {
            String cronjob = "cronjob=\"" + job.name() + "\"";
            long seconds = (long) (job.periodHours() + BACKUP_SLACK_HOURS) * 3600;
            missed.add("(time() - kube_cronjob_status_last_successful_time" + q.sel(cronjob) + ") > " + seconds);
            missed.add("((time() - kube_cronjob_created" + q.sel(cronjob) + ") > " + seconds
                    + " unless on (namespace, cronjob) kube_cronjob_status_last_successful_time" + q.sel(cronjob) + ")");
        }
        return List.of(
                new Alert("backups", "BackupJobFailed", failed, "1m", Severity.CRITICAL, "Backup run {{ $labels.job_name }} failed",
                        "The Job {{ $labels.job_name }} failed (after its retries): that copy is missing. See kubectl -n {{ $labels.namespace }} "
                                + "logs job/{{ $labels.job_name }}; run voiceplane backup to take one now."),
                new Alert("backups", "BackupMissed", String.join("\n  or\n", missed), "5m", Severity.CRITICAL,
                        "{{ $labels.cronjob }} has no successful backup within its period",
                        "No run of {{ $labels.cronjob }} succeeded within its schedule plus " + BACKUP_SLACK_HOURS
                                + " h: backups are failing, suspended or not scheduled. The newest good copy is older than the recovery point promised."));
    }

    /**
     * @param name      the PrometheusRule's name
     * @param namespace where it lives; also prefixes each group's name
     * @param labels    what the system's Prometheus selects its rules by
     * @param alerts    the alerts, grouped by {@link Alert#group()}
     */
    public record Props(String name, String namespace, Map<String, String> labels, List<Alert> alerts) {
        public Props {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            labels = Map.copyOf(labels);
            alerts = List.copyOf(alerts);
        }
    }

    public AlertRules(Construct scope, String id, Props props) {
        super(scope, id);
        String namespace = props.namespace();
        Map<String, List<Map<String, Object>>> groups = new TreeMap<>();
        for (Alert a : props.alerts()) {
            groups.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a.toRule());
        }
        List<Map<String, Object>> spec = new ArrayList<>();
        groups.forEach((group, rules) -> spec.add(Map.of("name", namespace + "." + group, "rules", rules)));
        CustomResource.create(this, "rule", Monitoring.API_VERSION, "PrometheusRule", props.name(), namespace, props.labels(),
                Map.of("spec", Map.of("groups", spec)));
    }
}
