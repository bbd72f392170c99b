package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one pod counts against a ResourceQuota: for each of {@code requests.cpu}, {@code requests.memory},
 * {@code limits.cpu}, {@code limits.memory}, the larger of the containers' sum and the largest init
 * container (https://kubernetes.io/docs/concepts/workloads/pods/init-containers/#resource-sharing-within-containers),
 * with injected sidecars and a LimitRange's defaults filled in as admission fills them.
 *
 * @param amounts quota key to amount (cores or bytes)
 * @param unset   quota keys some container leaves unset with no LimitRange default (admission refuses the
 *                pod when the quota covers that key)
 */
record PodResources(Map<String, BigDecimal> amounts, java.util.Set<String> unset) {
    static final java.util.List<String> KEYS = java.util.List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory");
    /** prometheus-operator's config-reloader sidecar: --config-reloader-cpu-request/limit 10m, memory 50Mi. */
    private static final String RELOADER_CPU = "10m";
    private static final String RELOADER_MEMORY = "50Mi";

    static PodResources of(Model model, PodTemplate pod) {
        Optional<Source> limitRange = model.ofKind("LimitRange").stream().filter(l -> l.namespace().equals(pod.namespace())).findFirst();
        Map<String, BigDecimal> sum = zero();
        Map<String, BigDecimal> maxInit = zero();
        java.util.Set<String> unset = new java.util.TreeSet<>();
        for (Container c : model.containers(pod)) {
            Map<String, BigDecimal> own = amounts(c.node().path("resources"), limitRange, unset);
            (c.init() ? maxInit : sum).replaceAll((k, v) -> c.init() ? v.max(own.get(k)) : v.add(own.get(k)));
        }
        if (pod.operatorMade() && pod.owner().kind().equals("Certificate")) {
            sum.replaceAll((k, v) -> v.add(Amounts.parse(OperatorPods.SOLVER_RESOURCES.get(k))));
        } else if (pod.operatorMade()) {
            // The operator's main container takes spec.resources; its config-reloader sidecar its own.
            Map<String, BigDecimal> main = amounts(pod.spec().path("resources"), limitRange, unset);
            sum.replaceAll((k, v) -> v.add(main.get(k)).add(Amounts.parse(k.endsWith("cpu") ? RELOADER_CPU : RELOADER_MEMORY)));
        }
        Map<String, BigDecimal> effective = new TreeMap<>();
        KEYS.forEach(k -> effective.put(k, sum.get(k).max(maxInit.get(k))));
        return new PodResources(effective, unset);
    }

    private static Map<String, BigDecimal> zero() {
        Map<String, BigDecimal> m = new TreeMap<>();
        KEYS.forEach(k -> m.put(k, BigDecimal.ZERO));
        return m;
    }

    private static Map<String, BigDecimal> amounts(JsonNode resources, Optional<Source> limitRange, java.util.Set<String> unset) {
        Map<String, BigDecimal> m = zero();
        for (String key : KEYS) {
            String kind = key.substring(0, key.indexOf('.'));
            String resource = key.substring(key.indexOf('.') + 1);
            String value = resources.path(kind).path(resource).asText("");
            if (value.isEmpty() && kind.equals("requests")) {
                value = resources.path("limits").path(resource).asText(""); // a request defaults to its limit
            }
            if (value.isEmpty()) {
                value = limitRangeDefault(limitRange, kind, resource);
            }
            BigDecimal amount = Amounts.parse(value);
            if (amount == null) {
                unset.add(key);
            } else {
                m.put(key, amount);
            }
        }
        return m;
    }

    private static String limitRangeDefault(Optional<Source> limitRange, String kind, String resource) {
        if (limitRange.isEmpty()) {
            return "";
        }
        for (JsonNode limit : limitRange.get().at("/spec/limits")) {
            if (limit.path("type").asText().equals("Container")) {
                String field = kind.equals("requests") ? "defaultRequest" : "default";
                String value = limit.path(field).path(resource).asText("");
                if (value.isEmpty() && kind.equals("requests")) {
                    value = limit.path("default").path(resource).asText("");
                }
                return value;
            }
        }
        return "";
    }

    PodResources times(int n) {
        Map<String, BigDecimal> m = new TreeMap<>();
        amounts.forEach((k, v) -> m.put(k, v.multiply(BigDecimal.valueOf(n))));
        return new PodResources(m, unset);
    }
}
