package dev.voiceplane.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.infra.kube.AddonChart;
import dev.voiceplane.infra.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every value infra sets on an add-on is a key its chart has at the pinned version. The keys below were
 * read from each chart's values.yaml (and values.schema.json where it has one) at the release tag of the
 * pinned version: a value the chart does not know is silently ignored by Helm (or, where the chart has a
 * strict schema such as cert-manager's, refused), so an unverified key here is a setting that does nothing.
 * A new value must be checked against the chart and added here.
 */
class AddonValuesTest {
    /** Chart to the value paths (prefixes of every leaf set) verified at the pinned tag. */
    static final Map<AddonChart, Set<String>> VERIFIED = Map.ofEntries(
            // kubernetes/ingress-nginx helm-chart-4.14.1 (controller v1.14.1): config keys in internal/ingress/defaults and controller/config.
            Map.entry(AddonChart.INGRESS_NGINX, Set.of("controller.config", "controller.service.externalTrafficPolicy",
                    "controller.service.annotations", "controller.metrics.enabled", "controller.podLabels", "controller.podAnnotations")),
            // cert-manager/cert-manager v1.19.1: values.schema.json, additionalProperties false; crds has enabled and keep.
            Map.entry(AddonChart.CERT_MANAGER, Set.of("crds.enabled", "crds.keep")),
            // prometheus-community/helm-charts kube-prometheus-stack-81.6.2.
            Map.entry(AddonChart.KUBE_PROMETHEUS_STACK, Set.of("crds.enabled", "prometheusOperator.enabled", "kubeStateMetrics.enabled",
                    "nodeExporter.enabled", "prometheus.enabled", "alertmanager.enabled", "grafana.enabled")),
            // prometheus-community/helm-charts prometheus-adapter-5.2.0.
            Map.entry(AddonChart.PROMETHEUS_ADAPTER, Set.of("prometheus.url", "prometheus.port", "rules.default", "rules.custom")),
            // external-secrets/external-secrets helm-chart-0.20.4 (its CRDs serve and store external-secrets.io/v1).
            Map.entry(AddonChart.EXTERNAL_SECRETS, Set.of("installCRDs")),
            // cowboysysop/charts vertical-pod-autoscaler-11.1.1: no recommender.enabled (the recommender always runs).
            Map.entry(AddonChart.VPA, Set.of("crds.enabled", "updater.enabled", "admissionController.enabled")),
            // istio/istio 1.28.0 manifests/charts/istio-control/istio-discovery: pilot.* is copied to the top level
            // (templates/zzy_descope_legacy.yaml) and the injection template reads .Values.pilot.cni.enabled.
            Map.entry(AddonChart.ISTIOD, Set.of("pilot.cni.enabled")),
            // kubernetes/autoscaler cluster-autoscaler-chart-9.52.1 (app 1.34.1; cloudProvider defaults to aws).
            Map.entry(AddonChart.CLUSTER_AUTOSCALER, Set.of("autoDiscovery.clusterName", "awsRegion", "rbac.serviceAccount.name",
                    "rbac.serviceAccount.annotations")));

    @Test
    void everyValueSetOnAnAddonIsAKeyOfItsPinnedChart() {
        int checked = 0;
        for (String stack : InfraRun.ALL) {
            InfraRun run = InfraRun.of(stack);
            for (AddonChart chart : AddonChart.all()) {
                for (Plan.Node release : run.ofType("kubernetes:helm.sh/v3:Release")) {
                    if (!release.name().equals(stack + "-addons-" + chart.release())) {
                        continue;
                    }
                    Set<String> leaves = new TreeSet<>();
                    leaves(InfraRun.at(release.inputs(), "values"), "", leaves);
                    assertThat(unverified(chart, leaves)).as(stack + " " + chart.release() + " " + chart.version()).isEmpty();
                    checked++;
                }
            }
        }
        // Every add-on of every stack was looked at (five stacks, 6 to 10 add-ons each).
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void theCheckCatchesAKeyTheChartDoesNotHave() {
        Set<String> leaves = new TreeSet<>();
        leaves(Map.of("recommender", Map.of("enabled", true), "crds", Map.of("enabled", true)), "", leaves);
        assertThat(leaves).containsExactly("crds.enabled", "recommender.enabled");
        assertThat(unverified(AddonChart.VPA, leaves)).containsExactly("recommender.enabled");
        // A verified key covers what is below it (controller.config's own keys).
        assertThat(unverified(AddonChart.INGRESS_NGINX, Set.of("controller.config.use-gzip"))).isEmpty();
    }

    /** The leaves no verified key of the chart covers. */
    static List<String> unverified(AddonChart chart, Set<String> leaves) {
        Set<String> verified = VERIFIED.getOrDefault(chart, Set.of());
        return leaves.stream().filter(leaf -> verified.stream().noneMatch(v -> leaf.equals(v) || leaf.startsWith(v + "."))).sorted().toList();
    }

    /** Leaf paths of a values map; maps inside maps are walked, anything else (lists, scalars) is a leaf. */
    static void leaves(Object values, String prefix, Set<String> out) {
        if (values instanceof Map<?, ?> m && !m.isEmpty()) {
            m.forEach((k, v) -> leaves(v, prefix.isEmpty() ? k.toString() : prefix + "." + k, out));
        } else if (!prefix.isEmpty()) {
            out.add(prefix);
        }
    }
}
