package dev.voiceplane.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.stack.Cloud;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * mesh-mtls-strict beyond the PeerAuthentication itself: under STRICT, every client the objects let in on a port
 * the sidecar captures must present a mesh certificate. Each case breaks the clean application (namespace shop,
 * STRICT, meshed web behind a meshed ingress-nginx) in one way and expects the finding on the object that lets
 * the plaintext client in.
 */
class StrictMtlsTest {
    private static final String RULE = "mesh-mtls-strict";
    private static final String PLAIN_POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: scraper\n  namespace: shop\n  labels:\n"
            + "    app: scraper\n    sidecar.istio.io/inject: \"false\"\nspec:\n  containers:\n    - name: scraper\n      image: r/scraper:1.0.0\n";
    private static final String POD_ANNOTATIONS = "    metadata:\n      labels:\n        app: web\n    spec:\n      serviceAccountName: web\n";

    private static List<Finding> open(String yaml) {
        return open(yaml, RuleCase.FACTS);
    }

    private static List<Finding> open(String yaml, ClusterFacts facts) {
        return RuleCase.run(RULE, yaml, facts).open();
    }

    private static String clean(String old, String replacement) {
        return RuleCase.replace(old, replacement).apply(RuleCase.CLEAN);
    }

    @Test
    void anAddressBlockAdmittedOnACapturedPortIsFound() {
        String yaml = clean("      ports:\n        - port: 15020\n", "      ports:\n        - port: 8080\n");
        assertThat(open(yaml)).singleElement().satisfies(f -> {
            assertThat(f.object().id()).isEqualTo("NetworkPolicy/shop/web-from-anywhere");
            assertThat(f.path()).isEqualTo("/spec/ingress/0/from/0");
            assertThat(f.message()).contains("addresses in 10.0.0.0/8").contains("Deployment/shop/web on port 8080");
        });
        // The same block on the merged-metrics port, which the sidecar never captures, is fine (the clean application).
        assertThat(open(RuleCase.CLEAN)).isEmpty();
    }

    @Test
    void aPodWithoutSidecarAdmittedOnTheAppPortIsFoundByName() {
        String yaml = clean("    - from:\n        - namespaceSelector:", "    - from:\n        - podSelector:\n            matchLabels:\n"
                + "              app: scraper\n      ports:\n        - port: http\n    - from:\n        - namespaceSelector:") + "---\n" + PLAIN_POD;
        assertThat(open(yaml)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("/spec/ingress/1/from/0");
            assertThat(f.message()).contains("Pod/shop/scraper").contains("port http");
        });
    }

    @Test
    void aRuleFromAnywhereIsFound() {
        String yaml = clean("    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: ingress-nginx\n"
                + "      ports:\n        - port: 8080\n", "    - ports:\n        - port: 8080\n");
        assertThat(open(yaml)).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("/spec/ingress/1");
            assertThat(f.message()).contains("every source");
        });
    }

    @Test
    void anIngressControllerOutsideTheMeshIsFoundOnThePolicyAndTheIngress() {
        ClusterFacts plainIngress = new ClusterFacts(Cloud.NONE, "calico", false, false, true, Set.of("letsencrypt"));
        assertThat(open(RuleCase.CLEAN, plainIngress)).extracting(f -> f.object().id() + " " + f.path()).containsExactlyInAnyOrder(
                "NetworkPolicy/shop/web-from-anywhere /spec/ingress/1/from/0", "Ingress/shop/web /spec/ingressClassName");
    }

    @Test
    void anIngressThatSendsNginxToPodAddressesIsFound() {
        String yaml = clean("    nginx.ingress.kubernetes.io/service-upstream: \"true\"\n", "");
        assertThat(open(yaml)).singleElement().satisfies(f -> {
            assertThat(f.object().id()).isEqualTo("Ingress/shop/web");
            assertThat(f.path()).isEqualTo("/metadata/annotations");
            assertThat(f.message()).contains("pod addresses");
        });
    }

    @Test
    void anIngressWithTheWrongHostNameForItsServiceIsFound() {
        String yaml = clean("upstream-vhost: web.shop.svc.cluster.local", "upstream-vhost: shop.example.com");
        assertThat(open(yaml)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("'shop.example.com'");
            assertThat(f.fix()).contains("web.shop.svc.cluster.local");
        });
        assertThat(open(clean("upstream-vhost: web.shop.svc.cluster.local", "upstream-vhost: web.shop"))).isEmpty();
    }

    @Test
    void aPodMonitorScrapingTheAppPortIsFoundAndTheMergedPortWithoutAnnotationsToo() {
        String monitor = "apiVersion: monitoring.coreos.com/v1\nkind: PodMonitor\nmetadata:\n  name: web\n  namespace: shop\nspec:\n"
                + "  selector:\n    matchLabels:\n      app: web\n  podMetricsEndpoints:\n    - port: http\n";
        assertThat(open(RuleCase.CLEAN + "---\n" + monitor)).singleElement().satisfies(f -> {
            assertThat(f.object().id()).isEqualTo("PodMonitor/shop/web");
            assertThat(f.path()).isEqualTo("/spec/podMetricsEndpoints/0");
            assertThat(f.message()).contains("on port 8080");
        });
        String merged = monitor.replace("    - port: http\n", "    - port: http\n      path: /stats/prometheus\n      relabelings:\n"
                + "        - sourceLabels: [__meta_kubernetes_pod_ip]\n          regex: \"([0-9.]+)\"\n          replacement: \"$1:15020\"\n"
                + "          targetLabel: __address__\n");
        assertThat(open(RuleCase.CLEAN + "---\n" + merged)).singleElement().satisfies(f -> assertThat(f.message()).contains("prometheus.io/port"));
        String annotated = clean(POD_ANNOTATIONS, "    metadata:\n      labels:\n        app: web\n      annotations:\n"
                + "        prometheus.io/scrape: \"true\"\n        prometheus.io/port: \"8080\"\n    spec:\n      serviceAccountName: web\n");
        assertThat(open(annotated + "---\n" + merged)).isEmpty();
        // Istio's own example takes the port from prometheus.io/port, which its injector rewrites to 15020.
        String istioExample = monitor.replace("    - port: http\n", "    - path: /stats/prometheus\n      relabelings:\n"
                + "        - sourceLabels: [__meta_kubernetes_pod_annotation_prometheus_io_port, __meta_kubernetes_pod_ip]\n"
                + "          regex: (\\\\d+);(.+)\n          replacement: $2:$1\n          targetLabel: __address__\n");
        assertThat(open(annotated + "---\n" + istioExample)).isEmpty();
    }

    @Test
    void aServiceMonitorReachingThePodsThroughTheirServiceIsResolvedToTheTargetPort() {
        String labelled = clean("kind: Service\nmetadata:\n  name: web\n  namespace: shop\n",
                "kind: Service\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    app: web\n");
        String monitor = "apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: web\n  namespace: shop\nspec:\n"
                + "  selector:\n    matchLabels:\n      app: web\n  endpoints:\n    - port: http\n";
        assertThat(open(labelled + "---\n" + monitor)).singleElement().satisfies(f -> {
            assertThat(f.object().id()).isEqualTo("ServiceMonitor/shop/web");
            assertThat(f.path()).isEqualTo("/spec/endpoints/0");
            assertThat(f.message()).contains("on port 8080");
        });
    }

    @Test
    void aWorkloadPolicyThatLoosensStrictIsFound() {
        String loosened = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: web\n  namespace: shop\nspec:\n"
                + "  selector:\n    matchLabels:\n      app: web\n  mtls:\n    mode: PERMISSIVE\n  portLevelMtls:\n    \"8080\":\n      mode: DISABLE\n";
        assertThat(open(RuleCase.CLEAN + "---\n" + loosened)).extracting(f -> f.object().id() + " " + f.path())
                .containsExactlyInAnyOrder("PeerAuthentication/shop/web /spec/mtls/mode", "PeerAuthentication/shop/web /spec/portLevelMtls/8080");
    }

    @Test
    void probesThatSkipIstiosRewritingAreFound() {
        String yaml = clean(POD_ANNOTATIONS, "    metadata:\n      labels:\n        app: web\n      annotations:\n"
                + "        sidecar.istio.io/rewriteAppHTTPProbers: \"false\"\n    spec:\n      serviceAccountName: web\n");
        assertThat(open(yaml)).extracting(Finding::path).containsExactlyInAnyOrder(
                "/spec/template/spec/containers/0/livenessProbe", "/spec/template/spec/containers/0/readinessProbe");
    }

    @Test
    void aPortTheSidecarDoesNotCaptureIsOpenToPlainClients() {
        String yaml = clean("      ports:\n        - port: 15020\n", "      ports:\n        - port: 8080\n")
                .replace(POD_ANNOTATIONS, "    metadata:\n      labels:\n        app: web\n      annotations:\n"
                        + "        traffic.sidecar.istio.io/excludeInboundPorts: \"8080\"\n    spec:\n      serviceAccountName: web\n");
        assertThat(open(yaml)).isEmpty();
    }

    @Test
    void aWaiverOnThePolicyAcceptsThePlaintextClient() {
        String yaml = clean("      ports:\n        - port: 15020\n", "      ports:\n        - port: 8080\n")
                .replace("  name: web-from-anywhere\n  namespace: shop\n", "  name: web-from-anywhere\n  namespace: shop\n  annotations:\n"
                        + "    voiceplane.dev/allowed-because.mesh-mtls-strict: \"the load balancer health check, moved next release\"\n");
        Report report = RuleCase.run(RULE, yaml, RuleCase.FACTS);
        assertThat(report.open()).isEmpty();
        assertThat(report.findings()).singleElement().satisfies(f -> assertThat(f.waived()).isTrue());
    }
}
