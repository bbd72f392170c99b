package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.objects;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The namespace quota holds what the stack runs, counted as ResourceQuota admission counts it
 * (https://kubernetes.io/docs/concepts/policy/resource-quotas/): every pod that would exist at once,
 * each at its effective requests and limits. A quota full at minimum scale blocks every rollout,
 * scale-up and backup, silently (the pods are simply never created).
 *
 * <p>The arithmetic, per pod: the sum of its containers, plus its sidecars (Istio's istio-proxy where
 * the namespace injects one and the pod does not opt out, sized by its {@code sidecar.istio.io/proxy*}
 * annotations; the Prometheus Operator's config-reloader at 10m/50Mi), or its largest init container
 * plus the sidecars if that is more. Per namespace: every workload at the HPA minimum (or its fixed
 * replicas), plus one rolling-update surge per Deployment (maxSurge 25 %, rounded up; none for
 * Recreate), plus one Job per backup CronJob (they may overlap: each may run 3 h).
 */
class NamespaceCapacityTest {
    /** Istio's own default proxy resources, which an unannotated injected pod would get. */
    private static final String[] ISTIO_DEFAULT = {"100m", "128Mi", "2", "1Gi"};
    /** The Prometheus Operator's config-reloader sidecar in Prometheus and Alertmanager pods. */
    private static final String[] CONFIG_RELOADER = {"10m", "50Mi", "10m", "50Mi"};

    @Test
    void everyStackFitsItsQuotaAtMinimumScaleWithARolloutSurgeSidecarsAndItsBackups() {
        List<String> full = new ArrayList<>();
        for (String stack : Testing.stacks().names()) {
            Usage min = usage(stack, false, true);
            JsonNode hard = quota(stack);
            System.out.println(min.report(stack + " at minimum scale + surge + backups", hard));
            if (!min.fits(hard)) {
                full.add(stack + ": " + min.report("", hard));
            }
        }
        assertThat(full).isEmpty();
    }

    @Test
    void aiNinjaStacksCanReachTheirMaximumScaleWithSidecars() {
        for (String stack : new String[] {"ai-ninja-staging", "ai-ninja-production"}) {
            Usage max = usage(stack, true, false);
            System.out.println(max.report(stack + " at HPA maximum", quota(stack)));
            assertThat(max.fits(quota(stack))).as(max.report(stack + " at HPA maximum", quota(stack))).isTrue();
        }
    }

    /** Istio's default proxy limit is 2 CPU: one unsized sidecar per pod would exhaust any quota. */
    @Test
    void everyInjectedPodSizesItsSidecar() {
        for (String stack : new String[] {"ai-ninja-staging", "ai-ninja-production"}) {
            JsonNode pod = object(stack, "Deployment", "user-management").at("/spec/template");
            assertThat(pod.at("/metadata/annotations/sidecar.istio.io~1proxyCPU").asText()).isEqualTo("100m");
            assertThat(pod.at("/metadata/annotations/sidecar.istio.io~1proxyCPULimit").asText()).isEqualTo("500m");
            assertThat(pod.at("/metadata/annotations/sidecar.istio.io~1proxyMemory").asText()).isEqualTo("128Mi");
            assertThat(pod.at("/metadata/annotations/sidecar.istio.io~1proxyMemoryLimit").asText()).isEqualTo("256Mi");
        }
    }

    /**
     * BharatVoice keeps its guide's quota (8 CPU / 16Gi requested), which holds the minimum scale but
     * not the guide's own maximum of 20 app and 10 worker pods at 500m: the quota, not the HPA, is
     * the real ceiling there. Stated here so a change to either is a conscious one.
     */
    @Test
    void bharatVoiceProductionKeepsTheGuidesQuotaWhichCapsScalingBelowTheHpaMaximum() {
        Usage max = usage("bharatvoice-production", true, false);
        JsonNode hard = quota("bharatvoice-production");
        assertThat(hard.path("requests.cpu").asText()).isEqualTo("8");
        assertThat(max.requestCpu).isGreaterThan(cpu(hard.path("requests.cpu").asText()));
    }

    private static JsonNode quota(String stack) {
        return ofKind(stack, "ResourceQuota").get(0).at("/spec/hard");
    }

    private static final class Usage {
        BigDecimal requestCpu = BigDecimal.ZERO;
        BigDecimal requestMemory = BigDecimal.ZERO;
        BigDecimal limitCpu = BigDecimal.ZERO;
        BigDecimal limitMemory = BigDecimal.ZERO;
        int pods;

        void add(BigDecimal[] pod, int count) {
            BigDecimal n = BigDecimal.valueOf(count);
            requestCpu = requestCpu.add(pod[0].multiply(n));
            requestMemory = requestMemory.add(pod[1].multiply(n));
            limitCpu = limitCpu.add(pod[2].multiply(n));
            limitMemory = limitMemory.add(pod[3].multiply(n));
            pods += count;
        }

        boolean fits(JsonNode hard) {
            return requestCpu.compareTo(cpu(hard.path("requests.cpu").asText())) <= 0
                    && requestMemory.compareTo(memory(hard.path("requests.memory").asText())) <= 0
                    && limitCpu.compareTo(cpu(hard.path("limits.cpu").asText())) <= 0
                    && limitMemory.compareTo(memory(hard.path("limits.memory").asText())) <= 0;
        }

        String report(String title, JsonNode hard) {
            return String.format("%s: %d pods; requests %s/%s CPU, %s/%s MiB; limits %s/%s CPU, %s/%s MiB", title, pods,
                    requestCpu.stripTrailingZeros().toPlainString(), hard.path("requests.cpu").asText(),
                    requestMemory.stripTrailingZeros().toPlainString(), memory(hard.path("requests.memory").asText()).toPlainString(),
                    limitCpu.stripTrailingZeros().toPlainString(), hard.path("limits.cpu").asText(),
                    limitMemory.stripTrailingZeros().toPlainString(), memory(hard.path("limits.memory").asText()).toPlainString());
        }
    }

    /**
     * Requests and limits of every pod in the namespace, at the HPAs' minimum or maximum; with
     * {@code rollout}, one surge pod per rolling Deployment and one Job per backup CronJob.
     */
    private static Usage usage(String stack, boolean atMax, boolean rollout) {
        String namespace = Testing.stack(stack).namespace();
        boolean injecting = ofKind(stack, "Namespace").stream()
                .anyMatch(n -> n.at("/metadata/name").asText().equals(namespace)
                        && n.at("/metadata/labels/istio-injection").asText().equals("enabled"));
        Map<String, Integer> scaled = new HashMap<>();
        ofKind(stack, "HorizontalPodAutoscaler").forEach(h -> scaled.put(h.at("/spec/scaleTargetRef/name").asText(),
                h.at(atMax ? "/spec/maxReplicas" : "/spec/minReplicas").asInt()));
        Usage u = new Usage();
        for (ObjectNode o : objects(stack)) {
            if (!o.at("/metadata/namespace").asText().equals(namespace)) {
                continue;
            }
            String name = o.at("/metadata/name").asText();
            switch (o.path("kind").asText()) {
                case "Deployment" -> {
                    int replicas = scaled.getOrDefault(name, o.at("/spec/replicas").asInt(1));
                    BigDecimal[] pod = pod(o.at("/spec/template"), injecting, false);
                    u.add(pod, replicas);
                    if (rollout && !o.at("/spec/strategy/type").asText().equals("Recreate")) {
                        u.add(pod, (int) Math.ceil(replicas * 0.25));
                    }
                }
                case "StatefulSet" -> u.add(pod(o.at("/spec/template"), injecting, false), o.at("/spec/replicas").asInt(1));
                case "CronJob" -> u.add(pod(o.at("/spec/jobTemplate/spec/template"), injecting, false), 1);
                // Operator-run pods: the CR's resources for the main container, plus the config-reloader.
                case "Prometheus", "Alertmanager" -> u.add(pod(operatorPod(o), injecting, true), o.at("/spec/replicas").asInt(1));
                default -> {
                }
            }
        }
        return u;
    }

    private static JsonNode operatorPod(ObjectNode cr) {
        ObjectNode template = Testing.json("{\"metadata\":{},\"spec\":{\"containers\":[{}]}}");
        ((ObjectNode) template.at("/spec/containers/0")).set("resources", cr.at("/spec/resources"));
        if (cr.at("/spec/podMetadata").isObject()) {
            template.set("metadata", cr.at("/spec/podMetadata"));
        }
        return template;
    }

    /** Effective {request cpu, request memory, limit cpu, limit memory} of one pod. */
    private static BigDecimal[] pod(JsonNode template, boolean injecting, boolean configReloader) {
        BigDecimal[] sum = zero();
        for (JsonNode c : template.at("/spec/containers")) {
            addTo(sum, container(c));
        }
        BigDecimal[] sidecars = zero();
        if (injecting && !template.at("/metadata/labels/sidecar.istio.io~1inject").asText().equals("false")) {
            JsonNode a = template.at("/metadata/annotations");
            addTo(sidecars, values(new String[] {
                    a.path("sidecar.istio.io/proxyCPU").asText(ISTIO_DEFAULT[0]), a.path("sidecar.istio.io/proxyMemory").asText(ISTIO_DEFAULT[1]),
                    a.path("sidecar.istio.io/proxyCPULimit").asText(ISTIO_DEFAULT[2]),
                    a.path("sidecar.istio.io/proxyMemoryLimit").asText(ISTIO_DEFAULT[3])}));
        }
        if (configReloader) {
            addTo(sidecars, values(CONFIG_RELOADER));
        }
        addTo(sum, sidecars);
        // An init container runs alone beside the (native) sidecars started before it.
        for (JsonNode c : template.at("/spec/initContainers")) {
            BigDecimal[] init = container(c);
            addTo(init, sidecars);
            for (int i = 0; i < 4; i++) {
                sum[i] = sum[i].max(init[i]);
            }
        }
        return sum;
    }

    private static BigDecimal[] container(JsonNode c) {
        // The LimitRange defaults fill in what a container leaves out.
        return values(new String[] {c.at("/resources/requests/cpu").asText("500m"), c.at("/resources/requests/memory").asText("1Gi"),
                c.at("/resources/limits/cpu").asText("1"), c.at("/resources/limits/memory").asText("2Gi")});
    }

    private static BigDecimal[] values(String[] q) {
        return new BigDecimal[] {cpu(q[0]), memory(q[1]), cpu(q[2]), memory(q[3])};
    }

    private static BigDecimal[] zero() {
        return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    }

    private static void addTo(BigDecimal[] sum, BigDecimal[] more) {
        for (int i = 0; i < 4; i++) {
            sum[i] = sum[i].add(more[i]);
        }
    }

    private static BigDecimal cpu(String q) {
        return q.endsWith("m") ? new BigDecimal(q.substring(0, q.length() - 1)).movePointLeft(3) : new BigDecimal(q);
    }

    /** In MiB. */
    private static BigDecimal memory(String q) {
        if (q.endsWith("Gi")) {
            return new BigDecimal(q.substring(0, q.length() - 2)).multiply(BigDecimal.valueOf(1024));
        }
        if (q.endsWith("Mi")) {
            return new BigDecimal(q.substring(0, q.length() - 2));
        }
        throw new IllegalArgumentException("memory quantity " + q);
    }

}
