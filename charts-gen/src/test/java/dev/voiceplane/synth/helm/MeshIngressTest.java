package dev.voiceplane.synth.helm;

import static dev.voiceplane.synth.helm.HelmCharts.chart;
import static dev.voiceplane.synth.helm.HelmCharts.find;
import static dev.voiceplane.synth.helm.HelmCharts.objects;
import static dev.voiceplane.synth.helm.HelmCharts.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.IngressGateway;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A meshed chart (ai-ninja) released with {@code mesh.enabled=false} keeps its WebSocket callers on their pod:
 * the cookie-affinity DestinationRule is gone, so ingress-nginx pins them with its own cookie instead.
 */
class MeshIngressTest {
    private static final String WEBSOCKET = "ai-ninja-websocket";
    @TempDir
    static Path dir;
    static Path aiNinja;

    @BeforeAll
    static void charts() {
        aiNinja = chart(dir, "ai-ninja-production");
    }

    private static List<ObjectNode> render(String namespace, boolean mesh) throws Exception {
        return objects(template(aiNinja, "voiceplane", namespace).set("mesh.enabled", mesh).call());
    }

    private static JsonNode annotations(List<ObjectNode> objects, String ingress) {
        return find(objects, "Ingress", ingress).at("/metadata/annotations");
    }

    @Test
    void withTheMeshOnNginxHandsTheCallToItsSidecarAndTheMeshKeepsItSticky() throws Exception {
        List<ObjectNode> on = render("ai-ninja", true);
        JsonNode a = annotations(on, WEBSOCKET);
        assertThat(a.path(IngressGateway.SERVICE_UPSTREAM).asText()).isEqualTo("true");
        assertThat(a.path(IngressGateway.UPSTREAM_VHOST).asText()).isEqualTo("realtime-processor.ai-ninja.svc.cluster.local");
        assertThat(a.has("nginx.ingress.kubernetes.io/affinity")).isFalse();
        assertThat(find(on, "DestinationRule", "realtime-processor-affinity").at("/spec/trafficPolicy/loadBalancer/consistentHash/httpCookie/name")
                .asText()).isEqualTo("voiceplane-ws-affinity");
        // In another namespace the sidecar is told that namespace's host name.
        assertThat(annotations(render("team-a", true), WEBSOCKET).path(IngressGateway.UPSTREAM_VHOST).asText())
                .isEqualTo("realtime-processor.team-a.svc.cluster.local");
    }

    @Test
    void withTheMeshOffNginxPinsEachCallerToItsPodWithTheRulesCookieAndLifetime() throws Exception {
        List<ObjectNode> off = render("ai-ninja", false);
        assertThat(off).noneMatch(o -> o.path("kind").asText().equals("DestinationRule"));
        JsonNode a = annotations(off, WEBSOCKET);
        assertThat(a.has(IngressGateway.SERVICE_UPSTREAM)).isFalse();
        assertThat(a.has(IngressGateway.UPSTREAM_VHOST)).isFalse();
        Map<String, String> affinity = IngressGateway.cookieAffinity("voiceplane-ws-affinity", 3600);
        assertThat(affinity).hasSize(3).allSatisfy((k, v) -> assertThat(a.path(k).asText()).as(k).isEqualTo(v));
        assertThat(a.path("nginx.ingress.kubernetes.io/affinity").asText()).isEqualTo("cookie");
        // The rest of the WebSocket policy stays: hour-long timeouts, rate limit.
        assertThat(a.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asText()).isEqualTo("3600");
        assertThat(a.path("nginx.ingress.kubernetes.io/limit-rps").asText()).isEqualTo("10");
    }

    /** An API Ingress has no sticky sessions: through the Service's address it works with the mesh on or off. */
    @Test
    void ingressesWithoutACookieRuleAreTheSameEitherWay() throws Exception {
        List<ObjectNode> on = render("ai-ninja", true);
        List<ObjectNode> off = render("ai-ninja", false);
        List<String> names = on.stream().filter(o -> o.path("kind").asText().equals("Ingress")).map(o -> o.at("/metadata/name").asText())
                .filter(n -> !n.equals(WEBSOCKET)).toList();
        assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(find(off, "Ingress", n)).isEqualTo(find(on, "Ingress", n)));
    }

    @Test
    void theValuesDocumentationSaysSo() throws Exception {
        for (String file : List.of("values.yaml", "README.md")) {
            assertThat(java.nio.file.Files.readString(aiNinja.resolve(file))).as(file)
                    .contains("the WebSocket Ingress keeps callers on their pod with ingress-nginx's own affinity cookie");
        }
    }
}
