package dev.voiceplane.charts;

import dev.voiceplane.catalog.Exposure;
import dev.voiceplane.catalog.Names;
import dev.voiceplane.catalog.Routes;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.stack.StackConfig;
import dev.voiceplane.stack.TlsIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.HttpIngressPath;
import org.cdk8s.plus33.k8s.HttpIngressRuleValue;
import org.cdk8s.plus33.k8s.IngressBackend;
import org.cdk8s.plus33.k8s.IngressRule;
import org.cdk8s.plus33.k8s.IngressServiceBackend;
import org.cdk8s.plus33.k8s.IngressSpec;
import org.cdk8s.plus33.k8s.IngressTls;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.KubeIngress;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.ServiceBackendPort;
import software.constructs.Construct;

/**
 * The public edge of a system, served by the NGINX ingress controller (class {@code nginx},
 * installed as a cluster prerequisite, as both guides assume): one Ingress per traffic policy, so
 * each policy is a set of annotations on its own object rather than a snippet.
 *
 * <ul>
 *   <li>{@code <system>-api} on {@code api.<domain>}: the PUBLIC_API services, 10 requests/s per
 *       client IP (guide: "10 req/s general"). With one public service it owns the host's root;
 *       with several, each is routed by its name as path prefix, which is stripped.</li>
 *   <li>{@code <system>-auth}: the login paths of the service that authenticates users, 1 request/s
 *       (guide: "1 req/s auth") so passwords cannot be guessed at speed.</li>
 *   <li>{@code <system>-health}: health endpoints, not rate limited, for external uptime checks.</li>
 *   <li>{@code <system>-voice}: voice upload endpoints, 50 MiB bodies and 300 s timeouts.</li>
 *   <li>{@code <system>-websocket} on {@code ws.<domain>}: the PUBLIC_WEBSOCKET service, proxy
 *       timeouts of an hour so a call is never cut by the proxy, cookie affinity so a reconnecting
 *       client finds its session (ingress-nginx balances to pods directly, bypassing the Service's
 *       ClientIP affinity). ingress-nginx forwards the {@code Upgrade}/{@code Connection} headers on
 *       every location by itself, so no snippet is needed.</li>
 * </ul>
 *
 * <p>With TLS, a cert-manager Certificate covers every host, signed by the stack's Let's Encrypt
 * ClusterIssuer (one Certificate for all Ingresses: per-Ingress issuer annotations would make
 * cert-manager create several Certificates fighting over one Secret); plain HTTP is redirected.
 * Security headers (CSP, X-Frame-Options, nosniff, Referrer-Policy, and HSTS with TLS) come from a
 * ConfigMap through the {@code custom-headers} annotation. TLS 1.2/1.3 only, gzip and the header
 * allow-list are controller-wide settings in nginx, so they are values of the controller's own release
 * ({@link IngressControllerSettings#helmValues(boolean)}).
 * Snippet annotations are not used: ingress-nginx disables them by default as a security risk
 * (CVE-2021-25742, CVE-2025-1974).
 *
 * <p>In a meshed stack with STRICT mutual TLS ({@link StrictMutualTls}) the controller has a sidecar of its own
 * ({@link IngressControllerSettings#helmValues(boolean)}) and nginx must hand its connections to it as mesh
 * traffic: each Ingress sends to its Service's cluster address ({@code service-upstream}) with the Service's
 * host name ({@code upstream-vhost}), which is how the sidecar recognises the destination; sent to pod addresses
 * or with the public host name, the sidecar passes the request on in plain text and the service's sidecar refuses
 * it. One host name per Ingress means one Service per Ingress, so a policy routing to several services becomes
 * one Ingress per service ({@code <name>-<service>}, all labelled {@code app.kubernetes.io/name: <name>}). nginx
 * then has a single upstream and its cookie affinity has nothing to choose from; the WebSocket service's
 * stickiness moves into the mesh ({@link CookieAffinity}).
 */
public final class IngressGateway extends Construct {
    /** The ingress class of the NGINX controller both guides deploy behind. */
    public static final String INGRESS_CLASS = "nginx";
    /** General rate limit per client IP (guide: 10 req/s). */
    public static final int GENERAL_RPS = 10;
    /** The path prefix under which every public service route lives (the catalog's services serve their API there). */
    static final String API_PATH = Routes.API;

    /** Rate limit of login paths per client IP (guide: 1 req/s auth). */
    public static final int AUTH_RPS = 1;
    /** Largest voice upload: a few minutes of 16 kHz audio with headroom. */
    public static final String VOICE_BODY_SIZE = "50m";
    /** Seconds a voice request may take end to end (guide: "< 5 s" typical, long tail for long audio). */
    public static final int VOICE_TIMEOUT_SECONDS = 300;
    /** Seconds a WebSocket may stay quiet in either direction before nginx closes it. */
    public static final int WEBSOCKET_TIMEOUT_SECONDS = 3600;

    static final String NGINX = "nginx.ingress.kubernetes.io/";
    /** In a meshed stack, nginx sends to the Service's cluster address under its host name (see the class comment). */
    public static final String SERVICE_UPSTREAM = NGINX + "service-upstream";
    public static final String UPSTREAM_VHOST = NGINX + "upstream-vhost";
    /** Where cert-manager's HTTP-01 solver pods listen. */
    static final int ACME_SOLVER_PORT = 8089;
    /** The cookie that brings a reconnecting WebSocket client back to its pod. */
    static final String AFFINITY_COOKIE = "voiceplane-ws-affinity";

    /**
     * The edge of one system. Required: the system, its namespace, the DNS zone and its services;
     * TLS, the login paths and the voice paths are options.
     */
    public static final class Props {
        private final String system;
        private final String namespace;
        private final String domain;
        private final List<ServiceSpec> services;
        private final TlsIssuer tls;
        private final Optional<String> authService;
        private final String authPath;
        private final Optional<String> voicePath;
        private final boolean mesh;

        private Props(Builder b) {
            system = b.system;
            namespace = b.namespace;
            domain = b.domain;
            services = List.copyOf(b.services);
            tls = b.tls;
            authService = Optional.ofNullable(b.authService);
            authPath = b.authPath;
            voicePath = Optional.ofNullable(b.voicePath);
            mesh = b.mesh;
        }

        /**
         * @param system    the system's id, prefix of every object name
         * @param namespace where the Ingresses live (with the services)
         * @param domain    DNS zone: hosts are {@code api.<domain>} and {@code ws.<domain>}
         * @param services  the system's services; only PUBLIC_API and PUBLIC_WEBSOCKET ones are routed
         */
        public static Builder builder(String system, String namespace, String domain, List<ServiceSpec> services) {
            return new Builder(system, namespace, domain, services);
        }

        public String system() {
            return system;
        }

        public String namespace() {
            return namespace;
        }

        public String domain() {
            return domain;
        }

        public List<ServiceSpec> services() {
            return services;
        }

        public TlsIssuer tls() {
            return tls;
        }

        public Optional<String> authService() {
            return authService;
        }

        public String authPath() {
            return authPath;
        }

        public Optional<String> voicePath() {
            return voicePath;
        }

        public boolean mesh() {
            return mesh;
        }

        /** The public API services, in catalog order. */
        List<ServiceSpec> apiServices() {
            return services.stream().filter(s -> s.exposure() == Exposure.PUBLIC_API).toList();
        }

        Optional<ServiceSpec> websocketService() {
            return services.stream().filter(s -> s.exposure() == Exposure.PUBLIC_WEBSOCKET).findFirst();
        }

        public String apiHost() {
            return Names.apiHost(domain);
        }

        public String wsHost() {
            return Names.wsHost(domain);
        }

        /** Every host served, in a stable order. */
        public List<String> hosts() {
            List<String> hosts = new ArrayList<>();
            if (!apiServices().isEmpty()) {
                hosts.add(apiHost());
            }
            websocketService().ifPresent(s -> hosts.add(wsHost()));
            return hosts;
        }

        public String tlsSecret() {
            return system + "-tls";
        }

        public String headersConfigMap() {
            return system + "-security-headers";
        }

        /** Cross-field rules, each with its fix. */
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            List<String> api = apiServices().stream().map(ServiceSpec::name).toList();
            authService.filter(name -> !api.contains(name)).ifPresent(name -> problems.add("auth service '" + name
                    + "' is not one of the PUBLIC_API services " + api + "; name one of them in auth(...)"));
            List<String> sockets = services.stream().filter(s -> s.exposure() == Exposure.PUBLIC_WEBSOCKET).map(ServiceSpec::name).toList();
            if (sockets.size() > 1) {
                problems.add("only one service can own " + wsHost() + ", but " + sockets + " are PUBLIC_WEBSOCKET; expose one of them");
            }
            voicePath.filter(path -> api.size() != 1).ifPresent(path -> problems.add("voice path '" + path
                    + "' needs a single public API service, have " + api + "; leave voicePath out"));
            return problems;
        }

        public static final class Builder {
            private final String system;
            private final String namespace;
            private final String domain;
            private final List<ServiceSpec> services;
            private TlsIssuer tls = TlsIssuer.NONE;
            private String authService;
            private String authPath = API_PATH + "/auth";
            private String voicePath;
            private boolean mesh;

            private Builder(String system, String namespace, String domain, List<ServiceSpec> services) {
                this.system = Objects.requireNonNull(system, "system");
                this.namespace = Objects.requireNonNull(namespace, "namespace");
                this.domain = Objects.requireNonNull(domain, "domain");
                this.services = Objects.requireNonNull(services, "services");
            }

            /**
             * Which ClusterIssuer signs the certificate of every host; plain HTTP is then redirected.
             * Default {@link TlsIssuer#NONE}: plain HTTP, for a laptop.
             */
            public Builder tls(TlsIssuer tls) {
                this.tls = Objects.requireNonNull(tls, "tls");
                return this;
            }

            /**
             * The PUBLIC_API service whose {@code pathPrefix} holds login, refresh and password endpoints,
             * rate limited to {@value #AUTH_RPS} request/s. Default none: no auth Ingress.
             */
            public Builder auth(String service, String pathPrefix) {
                this.authService = Objects.requireNonNull(service, "service");
                this.authPath = Objects.requireNonNull(pathPrefix, "pathPrefix");
                return this;
            }

            /**
             * Path prefix of voice uploads on the single API service: {@value #VOICE_BODY_SIZE} bodies and
             * {@value #VOICE_TIMEOUT_SECONDS} s timeouts. Default none: no voice Ingress.
             */
            public Builder voicePath(String voicePath) {
                this.voicePath = Objects.requireNonNull(voicePath, "voicePath");
                return this;
            }

            /**
             * Whether the services' namespace is meshed with STRICT mutual TLS: each Ingress then sends to
             * one Service's cluster address under its host name (see the class comment). Default false.
             */
            public Builder mesh(boolean mesh) {
                this.mesh = mesh;
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    private final Props props;
    private final List<Flow> flows = new ArrayList<>();

    public IngressGateway(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        Problems.report(this, props.problems());
        if (props.tls() != TlsIssuer.NONE) {
            // cert-manager answers Let's Encrypt's HTTP-01 challenge from a solver pod in this namespace,
            // reached through the ingress controller (https://cert-manager.io/docs/configuration/acme/http01/).
            flows.add(Flow.tcp(Flow.Peer.namespace(IngressControllerSettings.NAMESPACE, Map.of()),
                    Flow.Peer.pods("acme-http01-solver", Map.of("acme.cert-manager.io/http01-solver", "true")), ACME_SOLVER_PORT,
                    "stack: voiceplane:tls " + props.tls().id() + " proves the domain through HTTP-01 challenges"));
        }
        List<ServiceSpec> api = props.apiServices();
        boolean single = api.size() == 1;

        headers();
        if (props.tls() != TlsIssuer.NONE) {
            CustomResource.create(this, "certificate", AcmeIssuers.API_VERSION, "Certificate", props.tlsSecret(),
                    props.namespace(), labels("tls"), Map.of("spec", Map.of(
                            "secretName", props.tlsSecret(),
                            "dnsNames", props.hosts(),
                            "issuerRef", Map.of("name", props.tls().id(), "kind", "ClusterIssuer", "group", "cert-manager.io"),
                            "privateKey", Map.of("algorithm", "ECDSA", "size", 256, "rotationPolicy", "Always"))));
        }

        if (!api.isEmpty()) {
            // Only the services' API paths are public: every route the services serve is under /api, and a
            // catch-all would also publish /metrics and anything else a service serves on its port.
            List<Route> routes = api.stream().map(s -> route(s, single, API_PATH)).toList();
            Map<String, String> a = rateLimited(GENERAL_RPS);
            ingress("api", routes, a);

            props.authService().flatMap(name -> api.stream().filter(s -> s.name().equals(name)).findFirst()).ifPresent(auth ->
                    ingress("auth", List.of(route(auth, single, props.authPath())), rateLimited(AUTH_RPS)));

            List<Route> health = api.stream().map(s -> route(s, single, "/health")).toList();
            ingress("health", health, common());

            props.voicePath().filter(path -> single).ifPresent(path -> {
                Map<String, String> v = rateLimited(GENERAL_RPS);
                v.put(NGINX + "proxy-body-size", VOICE_BODY_SIZE);
                v.put(NGINX + "proxy-read-timeout", Integer.toString(VOICE_TIMEOUT_SECONDS));
                v.put(NGINX + "proxy-send-timeout", Integer.toString(VOICE_TIMEOUT_SECONDS));
                ingress("voice", List.of(route(api.get(0), true, path)), v);
            });
        }

        props.websocketService().ifPresent(ws -> {
            Map<String, String> w = rateLimited(GENERAL_RPS);
            w.put(NGINX + "proxy-read-timeout", Integer.toString(WEBSOCKET_TIMEOUT_SECONDS));
            w.put(NGINX + "proxy-send-timeout", Integer.toString(WEBSOCKET_TIMEOUT_SECONDS));
            w.put(NGINX + "proxy-body-size", VOICE_BODY_SIZE);
            if (props.mesh()) {
                new CookieAffinity(this, "websocket-affinity", new CookieAffinity.Props(ws.name(), props.namespace(), AFFINITY_COOKIE,
                        WEBSOCKET_TIMEOUT_SECONDS));
            } else {
                w.putAll(cookieAffinity(AFFINITY_COOKIE, WEBSOCKET_TIMEOUT_SECONDS));
            }
            ingress("websocket", List.of(Route.root(props.wsHost(), ws)), w);
        });
    }

    /** The connections the edge needs inside the namespace (the ACME solver's, with TLS), for {@link NetworkPolicies}. */
    public List<Flow> flows() {
        return List.copyOf(flows);
    }

    /**
     * The controller's connection to one of the system's services: to its port when the catalog exposes it,
     * none for an internal one. Per service, so the system can list it beside the service's own declarations.
     */
    public List<Flow> flowsOf(ServiceSpec s) {
        if (s.exposure() == Exposure.INTERNAL) {
            return List.of();
        }
        return List.of(Flow.tcp(Flow.Peer.namespace(IngressControllerSettings.NAMESPACE, Map.of()), Flow.Peer.workload(s.name()), s.port(),
                "catalog: " + s.name() + " is exposed as " + s.exposure()));
    }

    private Route route(ServiceSpec s, boolean single, String path) {
        return single ? Route.under(props.apiHost(), s, path) : Route.prefixed(props.apiHost(), s, path);
    }

    /** Response headers every public answer carries (OWASP Secure Headers Project recommendations). */
    private void headers() {
        Map<String, String> h = new TreeMap<>();
        // The services answer JSON and audio, never HTML: nothing may be loaded or framed.
        h.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        if (props.tls() != TlsIssuer.NONE) {
            // Only over TLS: a browser that saw HSTS on a plain-HTTP laptop domain would refuse it later.
            h.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        KubeConfigMap.Builder.create(this, "security-headers")
                .metadata(ObjectMeta.builder().name(props.headersConfigMap()).namespace(props.namespace())
                        .labels(labels("security-headers")).build())
                .data(h)
                .build();
    }

    private Map<String, String> common() {
        Map<String, String> a = new TreeMap<>();
        a.put(NGINX + "custom-headers", props.namespace() + "/" + props.headersConfigMap());
        boolean tls = props.tls() != TlsIssuer.NONE;
        a.put(NGINX + "ssl-redirect", Boolean.toString(tls));
        a.put(NGINX + "force-ssl-redirect", Boolean.toString(tls));
        if (!tls) {
            // A waiver validate lists (voiceplane.dev/allowed-because.<rule>): the reason is on the object.
            a.put(NetworkPolicies.REASONS + ".ingress-tls", "stack voiceplane:tls none: a laptop cluster has no public DNS name "
                    + "a certificate authority could verify, and its traffic never leaves the machine");
        }
        return a;
    }

    /**
     * ingress-nginx's own session affinity: a cookie pinning a client to the pod that served it, for {@code ttlSeconds}
     * (https://kubernetes.github.io/ingress-nginx/examples/affinity/cookie/). Used where nginx balances to the pods
     * itself, i.e. without a mesh; public for the Helm chart, whose {@code mesh.enabled=false} needs it on a meshed
     * stack's WebSocket Ingress.
     */
    public static Map<String, String> cookieAffinity(String cookie, int ttlSeconds) {
        Map<String, String> a = new TreeMap<>();
        a.put(NGINX + "affinity", "cookie");
        a.put(NGINX + "session-cookie-name", cookie);
        a.put(NGINX + "session-cookie-max-age", Integer.toString(ttlSeconds));
        return a;
    }

    private Map<String, String> rateLimited(int rps) {
        Map<String, String> a = common();
        a.put(NGINX + "limit-rps", Integer.toString(rps));
        // Bursts up to 3x the rate are queued, beyond that 429 (the controller's limit-req-status-code).
        a.put(NGINX + "limit-burst-multiplier", "3");
        return a;
    }

    private void ingress(String policy, List<Route> routes, Map<String, String> annotations) {
        if (!props.mesh()) {
            ingress(policy, ingressName(policy), ingressName(policy), routes, annotations);
            return;
        }
        Map<String, List<Route>> byService = new java.util.LinkedHashMap<>();
        routes.forEach(r -> byService.computeIfAbsent(r.service().name(), k -> new ArrayList<>()).add(r));
        byService.forEach((service, serviceRoutes) -> {
            Map<String, String> a = new TreeMap<>(annotations);
            a.put(SERVICE_UPSTREAM, "true");
            a.put(UPSTREAM_VHOST, Names.serviceHost(service, props.namespace()));
            boolean alone = byService.size() == 1;
            ingress(alone ? policy : policy + "-" + service, ingressName(policy) + (alone ? "" : "-" + service), ingressName(policy), serviceRoutes, a);
        });
    }

    /** @param label the policy's Ingress name: the {@code app.kubernetes.io/name} of every Ingress it makes */
    private void ingress(String id, String name, String label, List<Route> routes, Map<String, String> annotations) {
        Map<String, String> a = new TreeMap<>(annotations);
        if (routes.stream().anyMatch(r -> r.rewrite() != null)) {
            // Prefixed routes strip their prefix: /user-management/api/x reaches the service as /api/x.
            a.put(NGINX + "use-regex", "true");
            a.put(NGINX + "rewrite-target", routes.get(0).rewrite());
        }
        Map<String, List<HttpIngressPath>> byHost = new TreeMap<>();
        for (Route r : routes) {
            byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(HttpIngressPath.builder()
                    .path(r.path()).pathType(r.pathType())
                    .backend(IngressBackend.builder().service(IngressServiceBackend.builder()
                            .name(r.service().name())
                            .port(ServiceBackendPort.builder().name("http").build()).build()).build())
                    .build());
        }
        List<IngressRule> rules = new ArrayList<>();
        byHost.forEach((host, paths) -> rules.add(IngressRule.builder().host(host)
                .http(HttpIngressRuleValue.builder().paths(paths).build()).build()));
        IngressSpec.Builder spec = IngressSpec.builder().ingressClassName(INGRESS_CLASS).rules(rules);
        if (props.tls() != TlsIssuer.NONE) {
            spec.tls(List.of(IngressTls.builder().hosts(List.copyOf(byHost.keySet())).secretName(props.tlsSecret()).build()));
        }
        KubeIngress.Builder.create(this, id)
                .metadata(ObjectMeta.builder().name(name).namespace(props.namespace())
                        .labels(Labels.ofWorkload(label, "ingress")).annotations(a).build())
                .spec(spec.build())
                .build();
    }

    /**
     * The general API Ingress keeps the name the ai-ninja guide's runbook uses
     * ({@code kubectl describe ingress ai-ninja-ingress}); the others are named after their policy.
     */
    private String ingressName(String policy) {
        return props.system() + ("api".equals(policy) ? "-ingress" : "-" + policy);
    }

    private Map<String, String> labels(String name) {
        return Labels.ofWorkload(props.system() + "-" + name, "ingress");
    }

    /**
     * One path on one host to a service's {@code http} port.
     *
     * @param rewrite the rewrite target for regex paths, or {@code null} to pass the path unchanged
     */
    record Route(String host, String path, String pathType, ServiceSpec service, String rewrite) {
        /** The whole host to one service. */
        static Route root(String host, ServiceSpec s) {
            return new Route(host, "/", "Prefix", s, null);
        }

        /** A path and everything under it, unchanged. */
        static Route under(String host, ServiceSpec s, String path) {
            return new Route(host, path, "Prefix", s, null);
        }

        /** {@code /<service><path>/...} reaching the service as {@code <path>/...}. */
        static Route prefixed(String host, ServiceSpec s, String path) {
            return new Route(host, "/" + s.name() + "(" + path + "(?:/.*)?)$", "ImplementationSpecific", s, "$1");
        }
    }
}
