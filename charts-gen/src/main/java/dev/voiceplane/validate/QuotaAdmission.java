package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A namespace's ResourceQuota admits every pod that exists at once in normal operation: each workload
 * at minimum scale, plus one rollout surge per Deployment (from its strategy: maxSurge, default 25 %
 * rounded up), plus the Jobs of every CronJob (a backup run, or {@code voiceplane backup --store all}),
 * plus the sidecars Istio injects with their own requests and limits. Quota admission refuses any pod
 * that would exceed {@code spec.hard} (https://kubernetes.io/docs/concepts/policy/resource-quotas/), so a
 * quota full at minimum scale blocks every rollout, scale-up and backup. Its notes show the headroom
 * at HPA maximum.
 */
final class QuotaAdmission implements Rule, Validation.Noting {
    static final RuleSpec SPEC = RuleSpec.of("quota-admits-workloads", Severity.ERROR, Layer.CROSS_OBJECT,
            "the namespace ResourceQuota admits minimum scale + one rollout surge per workload + CronJob pods + injected sidecars",
            "raise the quota, or lower requests and limits (size sidecars with sidecar.istio.io/proxyCPU etc.)",
            "https://kubernetes.io/docs/concepts/policy/resource-quotas/").decidedBy("voiceplane:quota");

    @Override
    public RuleSpec spec() {
        return SPEC;
    }

    /** What the namespace's pods need at minimum (with surges and jobs) and at HPA maximum. */
    private record Demand(Map<String, BigDecimal> minimum, Map<String, BigDecimal> maximum, Map<String, List<String>> refused) {
    }

    @Override
    public void check(Model model, Findings findings) {
        for (Source quota : model.ofKind("ResourceQuota")) {
            Demand demand = demand(model, quota.namespace());
            JsonNode hard = quota.at("/spec/hard");
            for (String key : PodResources.KEYS) {
                BigDecimal limit = hardLimit(hard, key);
                if (limit == null) {
                    continue;
                }
                BigDecimal need = demand.minimum().get(key);
                if (need.compareTo(limit) > 0) {
                    findings.add(quota, "/spec/hard/" + YamlDocuments.segment(hardKey(hard, key)), key + " is " + hard.path(hardKey(hard, key)).asText()
                            + " but the namespace needs " + show(need, key) + " at minimum scale with one rollout surge per workload, "
                            + "CronJob pods and sidecars: pods beyond it are refused");
                }
            }
            demand.refused().forEach((key, workloads) -> {
                if (hardLimit(hard, key) != null) {
                    workloads.forEach(w -> findings.add(quota, "/spec/hard/" + YamlDocuments.segment(hardKey(hard, key)), w + " leaves " + key
                            + " unset and no LimitRange defaults it: quota admission refuses its pods"));
                }
            });
        }
    }

    @Override
    public List<String> notes(Model model) {
        List<String> notes = new ArrayList<>();
        for (Source quota : model.ofKind("ResourceQuota")) {
            Demand demand = demand(model, quota.namespace());
            JsonNode hard = quota.at("/spec/hard");
            StringBuilder line = new StringBuilder("quota " + quota.ref().id() + " at HPA maximum:");
            for (String key : PodResources.KEYS) {
                BigDecimal limit = hardLimit(hard, key);
                if (limit != null) {
                    BigDecimal need = demand.maximum().get(key);
                    BigDecimal headroom = limit.subtract(need);
                    line.append(" ").append(key).append(" ").append(show(need, key)).append(" of ").append(show(limit, key))
                            .append(headroom.signum() >= 0 ? " (headroom " + show(headroom, key) + ")" : " (over by " + show(headroom.negate(), key) + ")")
                            .append(";");
                }
            }
            notes.add(line.toString());
        }
        return notes;
    }

    private static Demand demand(Model model, String namespace) {
        Map<String, BigDecimal> minimum = zero();
        Map<String, BigDecimal> maximum = zero();
        Map<String, List<String>> refused = new TreeMap<>();
        for (PodTemplate pod : model.pods()) {
            if (!pod.namespace().equals(namespace)) {
                continue;
            }
            PodResources one = PodResources.of(model, pod);
            for (String key : one.unset()) {
                refused.computeIfAbsent(key, k -> new ArrayList<>()).add(pod.describe());
            }
            int min;
            int max;
            int extra;
            switch (pod.owner().kind()) {
                case "Deployment" -> {
                    Scale scale = Scale.of(model, pod.owner());
                    min = scale.min();
                    max = scale.max();
                    extra = surge(pod.owner(), min);
                }
                case "StatefulSet" -> {
                    Scale scale = Scale.of(model, pod.owner());
                    min = scale.min();
                    max = scale.max();
                    extra = 0; // replaced one at a time, never surged
                }
                case "CronJob", "Job" -> {
                    String base = pod.owner().kind().equals("CronJob") ? "/spec/jobTemplate/spec" : "/spec";
                    min = pod.owner().at(base + "/parallelism").asInt(1);
                    max = min;
                    extra = 0;
                }
                case "Prometheus", "Alertmanager" -> {
                    min = pod.owner().at("/spec/replicas").asInt(1);
                    max = min;
                    extra = 0;
                }
                default -> {
                    min = 1; // a Pod, or a DaemonSet counted once (its pods are per node)
                    max = 1;
                    extra = 0;
                }
            }
            add(minimum, one.times(min + extra));
            add(maximum, one.times(max + extra));
        }
        return new Demand(minimum, maximum, refused);
    }

    /** Pods a rolling update adds above the desired count: maxSurge, 25 % by default, rounded up. */
    static int surge(Source deployment, int replicas) {
        JsonNode strategy = deployment.at("/spec/strategy");
        if (strategy.path("type").asText("RollingUpdate").equals("Recreate")) {
            return 0;
        }
        JsonNode maxSurge = strategy.at("/rollingUpdate/maxSurge");
        if (maxSurge.isIntegralNumber()) {
            return maxSurge.asInt();
        }
        String text = maxSurge.asText("25%");
        if (text.endsWith("%")) {
            int percent = Integer.parseInt(text.substring(0, text.length() - 1));
            return (replicas * percent + 99) / 100;
        }
        return Integer.parseInt(text);
    }

    private static void add(Map<String, BigDecimal> total, PodResources pods) {
        pods.amounts().forEach((k, v) -> total.merge(k, v, BigDecimal::add));
    }

    private static Map<String, BigDecimal> zero() {
        Map<String, BigDecimal> m = new TreeMap<>();
        PodResources.KEYS.forEach(k -> m.put(k, BigDecimal.ZERO));
        return m;
    }

    /** {@code requests.cpu} may also be written {@code cpu} (https://kubernetes.io/docs/concepts/policy/resource-quotas/#compute-resource-quota). */
    private static String hardKey(JsonNode hard, String key) {
        if (hard.has(key)) {
            return key;
        }
        String alias = key.startsWith("requests.") ? key.substring("requests.".length()) : key;
        return hard.has(alias) ? alias : key;
    }

    private static BigDecimal hardLimit(JsonNode hard, String key) {
        String k = hardKey(hard, key);
        return hard.has(k) ? Amounts.parse(hard.path(k).asText()) : null;
    }

    private static String show(BigDecimal value, String key) {
        if (key.endsWith("cpu")) {
            return value.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " CPU";
        }
        return value.divide(BigDecimal.valueOf(1L << 30), 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "Gi";
    }
}
