package dev.voiceplane.systems;

import static dev.voiceplane.testing.Ingresses.annotation;
import static dev.voiceplane.testing.Ingresses.paths;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.Component;
import dev.voiceplane.charts.IngressControllerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each system publishes and how each stack secures it: the systems' edge rules. How one gateway looks is IngressGatewayTest's. */
class SystemEdgeTest {

    @Test
    void everyIngressUsesTheNginxClass() {
        for (String stack : List.of("local", "ai-ninja-production", "bharatvoice-production")) {
            assertThat(ofKind(stack, "Ingress")).isNotEmpty()
                    .allSatisfy(i -> assertThat(i.at("/spec/ingressClassName").asText()).isEqualTo("nginx"));
        }
    }

    @Test
    void aiNinjaRoutesEachPublicApiServiceByItsNameOnTheApiHost() {
        ObjectNode api = object("local", "Ingress", "ai-ninja-ingress");
        assertThat(paths(api)).containsExactly(
                "api.ai-ninja.localtest.me/user-management(/api(?:/.*)?)$ -> user-management",
                "api.ai-ninja.localtest.me/smart-whitelist(/api(?:/.*)?)$ -> smart-whitelist",
                "api.ai-ninja.localtest.me/profile-analytics(/api(?:/.*)?)$ -> profile-analytics");
        // Only /api is published: a service's /metrics (and anything else on its port) stays inside the cluster.
        assertThat(paths(api)).noneMatch(p -> "/user-management/metrics".matches(p.substring(p.indexOf('/'), p.indexOf(" ->"))));
        assertThat(annotation(api, "rewrite-target")).isEqualTo("$1");
        assertThat(annotation(api, "use-regex")).isEqualTo("true");
    }

    @Test
    void generalTrafficIsLimitedToTenRequestsPerSecondAndLoginToOne() {
        assertThat(annotation(object("bharatvoice-production", "Ingress", "bharatvoice-ingress"), "limit-rps")).isEqualTo("10");
        ObjectNode auth = object("bharatvoice-production", "Ingress", "bharatvoice-auth");
        assertThat(annotation(auth, "limit-rps")).isEqualTo("1");
        assertThat(paths(auth)).containsExactly("api.bharatvoice.example.in/api/auth -> bharatvoice-app");
        assertThat(paths(object("ai-ninja-production", "Ingress", "ai-ninja-auth")))
                .containsExactly("api.ai-ninja.example.com/user-management(/api/auth(?:/.*)?)$ -> user-management");
    }

    @Test
    void tlsStacksGetOneCertificateForAllHostsFromTheirIssuerAndRedirectHttp() {
        ObjectNode cert = object("ai-ninja-production", "Certificate", "ai-ninja-tls");
        assertThat(cert.at("/spec/dnsNames").toString()).isEqualTo("[\"api.ai-ninja.example.com\",\"ws.ai-ninja.example.com\"]");
        assertThat(cert.at("/spec/issuerRef/name").asText()).isEqualTo("letsencrypt-production");
        assertThat(ofKind("ai-ninja-production", "Ingress")).allSatisfy(i -> {
            assertThat(i.at("/spec/tls/0/secretName").asText()).isEqualTo("ai-ninja-tls");
            assertThat(annotation(i, "force-ssl-redirect")).isEqualTo("true");
        });
    }

    @Test
    void bothLetsEncryptIssuersSolveHttp01ThroughNginx() {
        ObjectNode prod = object("bharatvoice-production", "ClusterIssuer", "letsencrypt-production");
        assertThat(prod.at("/spec/acme/server").asText()).isEqualTo("https://acme-v02.api.letsencrypt.org/directory");
        assertThat(prod.at("/spec/acme/solvers/0/http01/ingress/ingressClassName").asText()).isEqualTo("nginx");
        assertThat(prod.has("metadata") && !prod.at("/metadata").has("namespace")).isTrue();
        assertThat(object("bharatvoice-production", "ClusterIssuer", "letsencrypt-staging").at("/spec/acme/server").asText())
                .contains("acme-staging-v02");
    }

    @Test
    void theLocalStackServesPlainHttpWithoutIssuersCertificatesOrHsts() {
        assertThat(ofKind("local", "ClusterIssuer")).isEmpty();
        assertThat(ofKind("local", "Certificate")).isEmpty();
        assertThat(ofKind("local", "Ingress")).allSatisfy(i -> {
            assertThat(i.at("/spec").has("tls")).isFalse();
            assertThat(annotation(i, "ssl-redirect")).isEqualTo("false");
        });
        assertThat(object("local", "ConfigMap", "ai-ninja-security-headers").at("/data").has("Strict-Transport-Security")).isFalse();
    }

    @Test
    void noStackWritesIntoTheIngressControllersNamespace() {
        for (String stack : List.of("local", "ai-ninja-production", "bharatvoice-production")) {
            assertThat(dev.voiceplane.testing.Testing.synth(stack)).flatExtracting(m -> m.objects())
                    .extracting(o -> o.at("/metadata/namespace").asText())
                    .isNotEmpty().doesNotContain(IngressControllerSettings.NAMESPACE);
        }
    }

    @Test
    void theIssuersAreClusterObjectsOutsideTheAppChart() {
        var manifests = dev.voiceplane.testing.Testing.synth("bharatvoice-production");
        assertThat(manifests).filteredOn(m -> m.objects().stream().anyMatch(o -> o.path("kind").asText().equals("ClusterIssuer")))
                .extracting(m -> m.component()).containsExactly(Component.CLUSTER);
        String chart = String.join("\n", dev.voiceplane.synth.helm.HelmChart.files(
                dev.voiceplane.testing.Testing.stack("bharatvoice-production"), manifests).values());
        // Top-level kinds start a line; a Certificate's issuerRef names its ClusterIssuer indented.
        assertThat(chart).doesNotContain("\nkind: ClusterIssuer\n").doesNotContain("\nkind: StorageClass\n").contains("\nkind: Certificate\n");
    }

    @Test
    void theAcmeAccountEmailComesFromTheStackWithTheZonesHostmasterAsDefault() {
        assertThat(object("bharatvoice-production", "ClusterIssuer", "letsencrypt-production").at("/spec/acme/email").asText())
                .isEqualTo(dev.voiceplane.testing.Testing.stack("bharatvoice-production").acmeEmail());
        var stack = dev.voiceplane.stack.StackConfigParser.parse("stacks/Pulumi.t.yaml", "t", """
                config:
                  voiceplane:system: bharatvoice
                  voiceplane:environment: staging
                  voiceplane:domain: example.in
                """);
        assertThat(stack.acmeEmail()).isEqualTo("hostmaster@example.in");
        var custom = dev.voiceplane.stack.StackConfigParser.parse("stacks/Pulumi.t.yaml", "t", """
                config:
                  voiceplane:system: bharatvoice
                  voiceplane:environment: staging
                  voiceplane:domain: example.in
                  voiceplane:acmeEmail: certs@example.in
                """);
        assertThat(custom.acmeEmail()).isEqualTo("certs@example.in");
    }

    @Test
    void voiceUploadsGetLargeBodiesAndLongTimeouts() {
        ObjectNode voice = object("bharatvoice-production", "Ingress", "bharatvoice-voice");
        assertThat(annotation(voice, "proxy-body-size")).isEqualTo("50m");
        assertThat(annotation(voice, "proxy-read-timeout")).isEqualTo("300");
        assertThat(paths(voice)).containsExactly("api.bharatvoice.example.in/api/voice -> bharatvoice-app");
    }

    /**
     * Under STRICT mTLS ingress-nginx's sidecar must see mesh traffic: the Service's cluster address and its host
     * name, one Service per Ingress (https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#service-upstream).
     */
    @Test
    void aMeshedStackSendsEachIngressToItsServiceUnderTheServicesHostName() {
        assertThat(ofKind("ai-ninja-production", "Ingress")).isNotEmpty().allSatisfy(i -> {
            assertThat(annotation(i, "service-upstream")).isEqualTo("true");
            List<String> services = paths((ObjectNode) i).stream().map(p -> p.substring(p.indexOf("-> ") + 3)).distinct().toList();
            assertThat(services).hasSize(1);
            assertThat(annotation(i, "upstream-vhost")).isEqualTo(services.get(0) + ".ai-ninja.svc.cluster.local");
        });
        ObjectNode users = object("ai-ninja-production", "Ingress", "ai-ninja-ingress-user-management");
        assertThat(paths(users)).containsExactly("api.ai-ninja.example.com/user-management(/api(?:/.*)?)$ -> user-management");
        // The policy's Ingresses keep one name label, so the guide's runbook still finds them together.
        assertThat(ofKind("ai-ninja-production", "Ingress")).filteredOn(i -> i.at("/metadata/labels/app.kubernetes.io~1name").asText()
                .equals("ai-ninja-ingress")).extracting(i -> i.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("ai-ninja-ingress-user-management", "ai-ninja-ingress-smart-whitelist", "ai-ninja-ingress-profile-analytics");
        assertThat(ofKind("local", "Ingress")).allSatisfy(i -> assertThat(annotation(i, "service-upstream")).isNull());
    }

    /** With one upstream (the Service) nginx's cookie affinity has nothing to pick: the mesh keeps the WebSocket sessions sticky. */
    @Test
    void aMeshedStackKeepsWebSocketClientsOnTheirPodThroughAnIstioCookieHash() {
        assertThat(annotation(object("ai-ninja-production", "Ingress", "ai-ninja-websocket"), "affinity")).isNull();
        ObjectNode rule = object("ai-ninja-production", "DestinationRule", "realtime-processor-affinity");
        assertThat(rule.at("/spec/host").asText()).isEqualTo("realtime-processor.ai-ninja.svc.cluster.local");
        assertThat(rule.at("/spec/trafficPolicy/loadBalancer/consistentHash/httpCookie/name").asText()).isEqualTo("voiceplane-ws-affinity");
        assertThat(rule.at("/spec/trafficPolicy/loadBalancer/consistentHash/httpCookie/ttl").asText()).isEqualTo("3600s");
        assertThat(ofKind("local", "DestinationRule")).isEmpty();
        assertThat(annotation(object("local", "Ingress", "ai-ninja-websocket"), "affinity")).isEqualTo("cookie");
    }

    @Test
    void theChallengeSolverStaysOutOfTheMeshSoMeshedNginxReachesItInPlainText() {
        assertThat(object("ai-ninja-production", "ClusterIssuer", "letsencrypt-production")
                .at("/spec/acme/solvers/0/http01/ingress/podTemplate/metadata/labels/sidecar.istio.io~1inject").asText()).isEqualTo("false");
    }
}
