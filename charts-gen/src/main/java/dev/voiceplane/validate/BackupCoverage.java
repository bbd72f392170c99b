package dev.voiceplane.validate;

import java.util.List;

/**
 * Every store that holds data has a backup, and a failed or missed backup raises an alert. A data
 * store is a StatefulSet with claim templates (its backup is a CronJob named after it) or a claim marked
 * {@code voiceplane.dev/holds-data} (its backup is a CronJob that mounts it, reading it or writing the copies
 * to it); the alert is a PrometheusRule
 * on kube-state-metrics' Job/CronJob series ({@code kube_job_status_failed},
 * {@code kube_cronjob_status_last_successful_time}, https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/cronjob-metrics.md),
 * which exist only when kube-state-metrics runs (in the objects, or scraped by a ServiceMonitor).
 */
final class BackupCoverage {
    static final RuleSpec SPEC = RuleSpec.of("backup-and-alert", Severity.ERROR, Layer.CROSS_OBJECT,
            "every data-holding store has a backup CronJob and an alert on a failed or missed backup (kube-state-metrics series)",
            "add a CronJob backing the store up, kube-state-metrics, and a PrometheusRule on kube_job_status_failed / kube_cronjob_status_last_successful_time",
            "https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/cronjob-metrics.md");
    private static final List<String> JOB_SERIES = List.of("kube_job_status_failed", "kube_job_failed", "kube_cronjob_status_last_successful_time",
            "kube_cronjob_status_last_schedule_time", "kube_job_status_succeeded");

    private BackupCoverage() {
    }

    static Rule rule() {
        return Rules.of(SPEC, (m, f) -> {
            boolean stateMetrics = m.sources().stream().anyMatch(s -> s.name().contains("kube-state-metrics"));
            String rules = String.join("\n", m.ofKind("PrometheusRule").stream().map(r -> r.at("/spec").toString()).toList());
            for (Source store : m.ofKind("StatefulSet")) {
                if (store.at("/spec/volumeClaimTemplates").isEmpty() && !holdsData(m, store)) {
                    continue;
                }
                String name = store.name();
                List<Source> backups = m.ofKind("CronJob").stream().filter(c -> c.name().contains(name)
                        || c.at("/metadata/labels/app.kubernetes.io~1name").asText().startsWith(name + "-")).toList();
                if (backups.isEmpty()) {
                    f.add(store, "", "holds data and no CronJob backs it up");
                    continue;
                }
                alerted(store, backups, stateMetrics, rules, f);
            }
            for (Source claim : m.ofKind("PersistentVolumeClaim")) {
                if (!claim.annotation("voiceplane.dev/holds-data").equals("true")) {
                    continue;
                }
                List<Source> backups = m.ofKind("CronJob").stream().filter(c -> c.namespace().equals(claim.namespace())
                        && c.at("/spec/jobTemplate/spec/template/spec/volumes").findValuesAsText("claimName").contains(claim.name())).toList();
                if (backups.isEmpty()) {
                    f.add(claim, "", "holds data and no CronJob mounts it to back it up");
                } else {
                    alerted(claim, backups, stateMetrics, rules, f);
                }
            }
        });
    }

    private static void alerted(Source store, List<Source> backups, boolean stateMetrics, String rules, Findings f) {
        boolean alerted = JOB_SERIES.stream().anyMatch(rules::contains)
                && backups.stream().anyMatch(b -> rules.contains(b.name()) || rules.contains("backup"));
        if (!stateMetrics || !alerted) {
            f.add(store, "", "is backed up by " + backups.stream().map(Source::name).toList() + " but a failed or missed run raises no alert"
                    + (stateMetrics ? "" : " (no kube-state-metrics: the Job and CronJob series do not exist)"));
        }
    }

    private static boolean holdsData(Model m, Source workload) {
        return workload.annotation("voiceplane.dev/holds-data").equals("true");
    }
}
