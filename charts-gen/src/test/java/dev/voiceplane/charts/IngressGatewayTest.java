package dev.voiceplane.charts;

import static dev.voiceplane.testing.Testing.errors;
import static dev.voiceplane.testing.Ingresses.annotation;
import static dev.voiceplane.testing.Ingresses.paths;
import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.stack.TlsIssuer;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One gateway at a time, in a bare chart, over hand-made services; each option on its own. */
class IngressGatewayTest {
    private static final ServiceSpec ACCOUNTS = spec("accounts", Exposure.PUBLIC_API);
    private static final ServiceSpec SEARCH = spec("search", Exposure.PUBLIC_API);
    private static final ServiceSpec CALLS = spec("calls", Exposure.PUBLIC_WEBSOCKET);
    private static final ServiceSpec WORKER = spec("worker", Exposure.INTERNAL);
    private final Chart chart = Testing.chart();

    private static ServiceSpec spec(String name, Exposure exposure) {
        return ServiceSpec.builder(SystemName.BHARATVOICE, name).port(8080).exposure(exposure).build();
    }

    private static IngressGateway.Props.Builder props(ServiceSpec... services) {
        return IngressGateway.Props.builder("shop", "shop-ns", "shop.example", List.of(services));
    }

    private void build(IngressGateway.Props.Builder props) {
        new IngressGateway(chart, "gateway", props.build());
    }

    private List<String> ingresses() {
        return ofKind(chart, "Ingress").stream().map(i -> i.at("/metadata/name").asText()).toList();
    }

    @Test
    void aSinglePublicApiOwnsTheApiHostUnderApiAtTenRequestsPerSecondInPlainHttpByDefault() {
        build(props(ACCOUNTS, WORKER));
        assertThat(ingresses()).containsExactlyInAnyOrder("shop-ingress", "shop-health");
        ObjectNode api = object(chart, "Ingress", "shop-ingress");
        assertThat(api.at("/metadata/namespace").asText()).isEqualTo("shop-ns");
        assertThat(api.at("/spec/ingressClassName").asText()).isEqualTo(IngressGateway.INGRESS_CLASS);
        assertThat(paths(api)).containsExactly("api.shop.example/api -> accounts");
        assertThat(annotation(api, "limit-rps")).isEqualTo("10");
        assertThat(annotation(api, "custom-headers")).isEqualTo("shop-ns/shop-security-headers");
        assertThat(annotation(api, "ssl-redirect")).isEqualTo("false");
        assertThat(api.at("/spec").has("tls")).isFalse();
        assertThat(api.at("/metadata/annotations").path(NetworkPolicies.REASONS + ".ingress-tls").asText()).contains("laptop");
        assertThat(ofKind(chart, "Certificate")).isEmpty();
    }

    @Test
    void healthEndpointsAreRoutedWithoutRateLimit() {
        build(props(ACCOUNTS));
        ObjectNode health = object(chart, "Ingress", "shop-health");
        assertThat(annotation(health, "limit-rps")).isNull();
        assertThat(paths(health)).containsExactly("api.shop.example/health -> accounts");
    }

    @Test
    void severalPublicApisAreRoutedByTheirNameAndOnlyUnderApi() {
        build(props(ACCOUNTS, SEARCH));
        ObjectNode api = object(chart, "Ingress", "shop-ingress");
        assertThat(paths(api)).containsExactly(
                "api.shop.example/accounts(/api(?:/.*)?)$ -> accounts",
                "api.shop.example/search(/api(?:/.*)?)$ -> search");
        // A service's /metrics (and anything else on its port) stays inside the cluster.
        assertThat(paths(api)).noneMatch(p -> "/accounts/metrics".matches(p.substring(p.indexOf('/'), p.indexOf(" ->"))));
        assertThat(annotation(api, "rewrite-target")).isEqualTo("$1");
        assertThat(annotation(api, "use-regex")).isEqualTo("true");
    }

    @Test
    void theWebSocketServiceOwnsTheWsHostWithHourLongTimeoutsAndCookieAffinity() {
        build(props(CALLS));
        assertThat(ingresses()).containsExactly("shop-websocket");
        ObjectNode ws = object(chart, "Ingress", "shop-websocket");
        assertThat(paths(ws)).containsExactly("ws.shop.example/ -> calls");
        assertThat(annotation(ws, "proxy-read-timeout")).isEqualTo(Integer.toString(IngressGateway.WEBSOCKET_TIMEOUT_SECONDS));
        assertThat(annotation(ws, "proxy-send-timeout")).isEqualTo("3600");
        assertThat(annotation(ws, "affinity")).isEqualTo("cookie");
        assertThat(annotation(ws, "session-cookie-name")).isEqualTo(IngressGateway.AFFINITY_COOKIE);
    }

    @Test
    void tlsGivesOneCertificateForEveryHostFromTheIssuerRedirectsHttpAndAddsHsts() {
        build(props(ACCOUNTS, CALLS).tls(TlsIssuer.LETSENCRYPT_PRODUCTION));
        ObjectNode cert = object(chart, "Certificate", "shop-tls");
        assertThat(cert.at("/spec/dnsNames").toString()).isEqualTo("[\"api.shop.example\",\"ws.shop.example\"]");
        assertThat(cert.at("/spec/issuerRef/name").asText()).isEqualTo(TlsIssuer.LETSENCRYPT_PRODUCTION.id());
        assertThat(ofKind(chart, "Ingress")).isNotEmpty().allSatisfy(i -> {
            assertThat(i.at("/spec/tls/0/secretName").asText()).isEqualTo("shop-tls");
            assertThat(annotation(i, "force-ssl-redirect")).isEqualTo("true");
        });
        assertThat(object(chart, "ConfigMap", "shop-security-headers").at("/data/Strict-Transport-Security").asText())
                .startsWith("max-age=31536000");
    }

    @Test
    void securityHeadersForbidFramingAndSniffingAndHstsOnlyComesWithTls() {
        build(props(ACCOUNTS));
        JsonNode headers = object(chart, "ConfigMap", "shop-security-headers").path("data");
        assertThat(headers.path("X-Frame-Options").asText()).isEqualTo("DENY");
        assertThat(headers.path("X-Content-Type-Options").asText()).isEqualTo("nosniff");
        assertThat(headers.path("Content-Security-Policy").asText()).contains("frame-ancestors 'none'");
        assertThat(headers.has("Strict-Transport-Security")).isFalse();
    }

    @Test
    void authLimitsTheLoginPathsToOneRequestPerSecond() {
        build(props(ACCOUNTS, SEARCH).auth("accounts", "/api/login"));
        ObjectNode auth = object(chart, "Ingress", "shop-auth");
        assertThat(annotation(auth, "limit-rps")).isEqualTo(Integer.toString(IngressGateway.AUTH_RPS));
        assertThat(paths(auth)).containsExactly("api.shop.example/accounts(/api/login(?:/.*)?)$ -> accounts");
    }

    @Test
    void aVoicePathGetsLargeBodiesAndLongTimeouts() {
        build(props(ACCOUNTS).voicePath("/api/voice"));
        ObjectNode voice = object(chart, "Ingress", "shop-voice");
        assertThat(annotation(voice, "proxy-body-size")).isEqualTo(IngressGateway.VOICE_BODY_SIZE);
        assertThat(annotation(voice, "proxy-read-timeout")).isEqualTo(Integer.toString(IngressGateway.VOICE_TIMEOUT_SECONDS));
        assertThat(annotation(voice, "limit-rps")).isEqualTo("10");
        assertThat(paths(voice)).containsExactly("api.shop.example/api/voice -> accounts");
    }

    @Test
    void everyContradictionIsReportedTogetherWithTheConstructPathAndTheFix() {
        ServiceSpec rooms = spec("rooms", Exposure.PUBLIC_WEBSOCKET);
        build(props(ACCOUNTS, SEARCH, CALLS, rooms, WORKER).auth("worker", "/api/auth").voicePath("/api/voice"));
        assertThat(errors(chart)).containsExactly(
                "[test/gateway] auth service 'worker' is not one of the PUBLIC_API services [accounts, search]; name one of them in auth(...)",
                "[test/gateway] only one service can own ws.shop.example, but [calls, rooms] are PUBLIC_WEBSOCKET; expose one of them",
                "[test/gateway] voice path '/api/voice' needs a single public API service, have [accounts, search]; leave voicePath out");
    }

    @Test
    void theControllerMayReachExactlyTheExposedServicesOnTheirPorts() {
        IngressGateway gateway = new IngressGateway(chart, "gateway", props(ACCOUNTS, CALLS, WORKER).build());
        assertThat(gateway.flowsOf(ACCOUNTS)).singleElement().satisfies(f -> {
            assertThat(f.from().namespace()).isEqualTo(IngressControllerSettings.NAMESPACE);
            assertThat(f.to().workload()).isEqualTo("accounts");
            assertThat(f.port()).isEqualTo(8080);
            assertThat(f.reason()).isEqualTo("catalog: accounts is exposed as PUBLIC_API");
        });
        assertThat(gateway.flowsOf(CALLS)).extracting(f -> f.to().workload()).containsExactly("calls");
        assertThat(gateway.flowsOf(WORKER)).isEmpty();
    }

    @Test
    void aMeshedControllerGetsASidecarThatCapturesNoInboundPort() {
        @SuppressWarnings("unchecked")
        var controller = (java.util.Map<String, Object>) IngressControllerSettings.helmValues(true).get("controller");
        assertThat(controller.get("podLabels")).isEqualTo(java.util.Map.of("sidecar.istio.io/inject", "true"));
        assertThat(controller.get("podAnnotations")).isEqualTo(java.util.Map.of("traffic.sidecar.istio.io/includeInboundPorts", ""));
        assertThat(IngressControllerSettings.helmValues(false).get("controller")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).doesNotContainKeys("podLabels", "podAnnotations");
    }

    @Test
    void theControllerSpeaksOnlyTls12And13CompressesAndAllowsNoSnippets() {
        @SuppressWarnings("unchecked")
        var controller = (java.util.Map<String, Object>) IngressControllerSettings.helmValues(false).get("controller");
        @SuppressWarnings("unchecked")
        var config = (java.util.Map<String, String>) controller.get("config");
        assertThat(config.get("ssl-protocols")).isEqualTo("TLSv1.2 TLSv1.3");
        assertThat(config.get("use-gzip")).isEqualTo("true");
        assertThat(config.get("allow-snippet-annotations")).isEqualTo("false");
        assertThat(config.get("global-allowed-response-headers").split(","))
                .contains("X-Frame-Options", "Content-Security-Policy", "Strict-Transport-Security");
        // Per-client rate limits need the client's address, which only the Local policy keeps.
        assertThat(controller.get("service")).isEqualTo(java.util.Map.of("externalTrafficPolicy", "Local"));
    }

    /** Under STRICT mTLS each Ingress reaches one Service through its cluster address and host name (see the class comment). */
    @Test
    void meshSplitsAPolicyIntoOneIngressPerServiceSentToTheServicesHostName() {
        build(props(ACCOUNTS, SEARCH).mesh(true));
        assertThat(ingresses()).containsExactlyInAnyOrder("shop-ingress-accounts", "shop-ingress-search", "shop-health-accounts",
                "shop-health-search");
        ObjectNode accounts = object(chart, "Ingress", "shop-ingress-accounts");
        assertThat(annotation(accounts, "service-upstream")).isEqualTo("true");
        assertThat(annotation(accounts, "upstream-vhost")).isEqualTo("accounts.shop-ns.svc.cluster.local");
        assertThat(paths(accounts)).containsExactly("api.shop.example/accounts(/api(?:/.*)?)$ -> accounts");
        assertThat(accounts.at("/metadata/labels/app.kubernetes.io~1name").asText()).isEqualTo("shop-ingress");
    }

    @Test
    void meshMovesWebSocketStickinessFromNginxIntoAnIstioCookieHash() {
        build(props(CALLS).mesh(true));
        assertThat(annotation(object(chart, "Ingress", "shop-websocket"), "affinity")).isNull();
        ObjectNode rule = object(chart, "DestinationRule", "calls-affinity");
        assertThat(rule.at("/spec/host").asText()).isEqualTo("calls.shop-ns.svc.cluster.local");
        assertThat(rule.at("/spec/trafficPolicy/loadBalancer/consistentHash/httpCookie/ttl").asText())
                .isEqualTo(IngressGateway.WEBSOCKET_TIMEOUT_SECONDS + "s");
    }

    /** cert-manager's HTTP-01 solver answers in the namespace, reached through the controller (cert-manager docs, acme/http01). */
    @Test
    void withTlsTheGatewayAdmitsTheControllerToTheChallengeSolverAndOtherwiseNothing() {
        IngressGateway plain = new IngressGateway(chart, "plain", props(ACCOUNTS).build());
        assertThat(plain.flows()).isEmpty();
        IngressGateway tls = new IngressGateway(Testing.chart(), "tls", props(ACCOUNTS).tls(TlsIssuer.LETSENCRYPT_STAGING).build());
        assertThat(tls.flows()).singleElement().satisfies(f -> {
            assertThat(f.from()).isEqualTo(Flow.Peer.namespace(IngressControllerSettings.NAMESPACE, java.util.Map.of()));
            assertThat(f.to().podLabels()).containsEntry("acme.cert-manager.io/http01-solver", "true");
            assertThat(f.port()).isEqualTo(IngressGateway.ACME_SOLVER_PORT);
        });
    }
}
