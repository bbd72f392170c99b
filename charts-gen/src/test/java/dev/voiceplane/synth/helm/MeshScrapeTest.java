package dev.voiceplane.synth.helm;

import static dev.voiceplane.synth.helm.HelmCharts.chart;
import static dev.voiceplane.synth.helm.HelmCharts.find;
import static dev.voiceplane.synth.helm.HelmCharts.objects;
import static dev.voiceplane.synth.helm.HelmCharts.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.NetworkPolicies;
import dev.voiceplane.charts.monitoring.Monitoring;
import dev.voiceplane.synth.YamlWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A meshed chart (ai-ninja) released with {@code mesh.enabled=false} still has its application metrics:
 * Prometheus scrapes each service's own port, which the policies open, instead of the Istio agent's
 * merged-metrics port 15020, where nothing listens without a sidecar.
 */
class MeshScrapeTest {
    private static final List<ServiceSpec> SERVICES = ServiceCatalog.of(SystemName.AI_NINJA);
    @TempDir
    static Path dir;
    static Path aiNinja;

    @BeforeAll
    static void charts() {
        aiNinja = chart(dir, "ai-ninja-production");
    }

    private static List<ObjectNode> render(boolean mesh) throws Exception {
        return objects(template(aiNinja, "voiceplane", "ai-ninja").set("mesh.enabled", mesh).call());
    }

    /** The port of the rule between Prometheus and {@code service}: in the service's policy, or in Prometheus's. */
    private static int scrapePort(List<ObjectNode> objects, String service, boolean inServicePolicy) {
        JsonNode rules = inServicePolicy ? find(objects, "NetworkPolicy", service + "-network").at("/spec/ingress")
                : find(objects, "NetworkPolicy", "prometheus-network").at("/spec/egress");
        String peer = inServicePolicy ? "prometheus" : service;
        JsonNode rule = null;
        for (JsonNode r : rules) {
            if (r.at(inServicePolicy ? "/from/0/podSelector/matchLabels" : "/to/0/podSelector/matchLabels").path("app.kubernetes.io/name").asText()
                    .equals(peer)) {
                assertThat(rule).as("one rule between prometheus and %s", service).isNull();
                rule = r;
            }
        }
        assertThat(rule).as("a rule between prometheus and %s", service).isNotNull();
        return rule.at("/ports/0/port").asInt();
    }

    @Test
    void withTheMeshOnPrometheusScrapesTheSidecarsMergedMetrics() throws Exception {
        List<ObjectNode> on = render(true);
        assertThat(SERVICES).isNotEmpty().allSatisfy(s -> {
            JsonNode endpoint = find(on, "ServiceMonitor", s.name()).at("/spec/endpoints/0");
            assertThat(endpoint.path("path").asText()).isEqualTo("/stats/prometheus");
            assertThat(endpoint.at("/relabelings/0/replacement").asText()).isEqualTo("$1:15020");
            assertThat(scrapePort(on, s.name(), true)).isEqualTo(15020);
            assertThat(scrapePort(on, s.name(), false)).isEqualTo(15020);
        });
    }

    @Test
    void withTheMeshOffEachMonitorScrapesTheServicesOwnMetricsAsAnUnmeshedStackDoes() throws Exception {
        List<ObjectNode> off = render(false);
        JsonNode unmeshed = new ObjectMapper().valueToTree(Monitoring.endpoint(false));
        assertThat(SERVICES).allSatisfy(s -> {
            JsonNode endpoints = find(off, "ServiceMonitor", s.name()).at("/spec/endpoints");
            assertThat(endpoints).hasSize(1);
            assertThat(endpoints.get(0)).isEqualTo(unmeshed);
            assertThat(endpoints.get(0).path("path").asText()).isEqualTo("/metrics");
            assertThat(endpoints.get(0).has("relabelings")).isFalse();
        });
    }

    /** The monitor's {@code http} Service port leads to the pod's target port: that is the port the policies must open. */
    @Test
    void withTheMeshOffThePoliciesOpenTheServicesTargetPortToPrometheusAndNot15020() throws Exception {
        List<ObjectNode> off = render(false);
        assertThat(SERVICES).allSatisfy(s -> {
            JsonNode http = null;
            for (JsonNode p : find(off, "Service", s.name()).at("/spec/ports")) {
                if (p.path("name").asText().equals("http")) {
                    http = p;
                }
            }
            assertThat(http).as("%s's http port", s.name()).isNotNull();
            int target = http.path("targetPort").asInt();
            assertThat(target).isEqualTo(s.port());
            assertThat(scrapePort(off, s.name(), true)).isEqualTo(target);
            assertThat(scrapePort(off, s.name(), false)).isEqualTo(target);
        });
        List<ObjectNode> scraping = off.stream().filter(o -> List.of("ServiceMonitor", "NetworkPolicy").contains(o.path("kind").asText())).toList();
        assertThat(YamlWriter.write(scraping)).doesNotContain("15020");
    }

    /** With the mesh off each policy names the scrape as Monitoring declares it for an unmeshed stack, and only that line changes. */
    @Test
    void eachPolicysReasonsNameTheScrapeItOpens() throws Exception {
        ServiceSpec engine = ServiceCatalog.get("conversation-engine");
        String on = find(render(true), "NetworkPolicy", "conversation-engine-network").at("/metadata/annotations").path(NetworkPolicies.REASONS).asText();
        assertThat(on).contains(NetworkPolicies.reason(Monitoring.scrapeFlow(engine, true), true)).contains("15020/TCP");
        List<ObjectNode> off = render(false);
        String service = find(off, "NetworkPolicy", "conversation-engine-network").at("/metadata/annotations").path(NetworkPolicies.REASONS).asText();
        assertThat(service).contains(NetworkPolicies.reason(Monitoring.scrapeFlow(engine, false), true)).doesNotContain("15020")
                .contains("ingress " + engine.port() + "/TCP from prometheus: catalog: conversation-engine serves /metrics on its port");
        assertThat(service.lines().toList()).hasSameSizeAs(on.lines().toList())
                .contains("ingress " + engine.port() + "/TCP from user-management: catalog: user-management calls conversation-engine");
        String prometheus = find(off, "NetworkPolicy", "prometheus-network").at("/metadata/annotations").path(NetworkPolicies.REASONS).asText();
        assertThat(prometheus).contains(NetworkPolicies.reason(Monitoring.scrapeFlow(engine, false), false))
                .contains("egress 9093/TCP to alertmanager").doesNotContain("15020");
    }

    /** An unmeshed stack's chart has no meshed scrape to switch: its monitors and policies read no mesh value. */
    @Test
    void anUnmeshedChartsMonitorsAndPoliciesDoNotDependOnTheMesh() throws Exception {
        String templates = Files.readString(chart(dir, "bharatvoice-production").resolve("templates/monitoring.yaml"))
                + Files.readString(dir.resolve("bharatvoice-production/helm/templates/config-security.yaml"));
        assertThat(templates).doesNotContain(".Values.mesh.enabled");
        assertThat(Files.readString(aiNinja.resolve("templates/monitoring.yaml"))).contains(".Values.mesh.enabled");
    }

    @Test
    void theValuesDocumentationSaysWhatMeshEnabledChanges() throws Exception {
        for (String file : List.of("values.yaml", "README.md")) {
            assertThat(Files.readString(aiNinja.resolve(file))).as(file)
                    .contains("Off: none of these render, and Prometheus scrapes each service's own /metrics on its port instead of the sidecar's"
                            + " merged metrics on 15020");
        }
    }
}
