package dev.voiceplane.charts;

import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of the NGINX ingress controller that nginx only has per server or globally, so no
 * Ingress annotation can set them: TLS 1.2/1.3 only with forward-secret ciphers, gzip, the
 * response headers the {@code custom-headers} annotation may set, snippets off. They are values of
 * the ingress-nginx Helm release infra installs ({@link #helmValues(boolean)}): the controller belongs to
 * the cluster, not to a system's chart, so the app chart no longer writes the controller's
 * ConfigMap in another namespace. In a meshed stack the controller also joins the mesh (see
 * {@link #helmValues(boolean)}). Keys documented at
 * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/, chart values at
 * https://github.com/kubernetes/ingress-nginx/blob/main/charts/ingress-nginx/values.yaml.
 */
public final class IngressControllerSettings {
    public static final String NAMESPACE = "ingress-nginx";
    /** Which inbound ports a meshed controller's sidecar captures: none ({@link #helmValues(boolean)}). */
    public static final String INCLUDE_INBOUND_PORTS = "traffic.sidecar.istio.io/includeInboundPorts";
    /** The headers {@link IngressGateway}'s ConfigMap sets; nginx drops any other. */
    public static final String ALLOWED_HEADERS =
            "Content-Security-Policy,Referrer-Policy,Strict-Transport-Security,X-Content-Type-Options,X-Frame-Options";

    private IngressControllerSettings() {
    }

    /** The controller's ConfigMap keys ({@code controller.config} of the chart). */
    public static Map<String, String> config() {
        Map<String, String> data = new TreeMap<>();
        data.put("ssl-protocols", "TLSv1.2 TLSv1.3");
        // Mozilla "intermediate" profile: ECDHE key exchange and AEAD ciphers only.
        data.put("ssl-ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305");
        data.put("use-gzip", "true");
        data.put("gzip-level", "5");
        data.put("gzip-min-length", "1024");
        data.put("gzip-types", "application/json application/javascript text/css text/plain text/xml application/xml");
        // HSTS is sent per host through the security-headers ConfigMap, only where TLS is served.
        data.put("hsts", "false");
        data.put("global-allowed-response-headers", ALLOWED_HEADERS);
        data.put("allow-snippet-annotations", "false");
        data.put("limit-req-status-code", "429");
        data.put("limit-conn-status-code", "429");
        data.put("server-tokens", "false");
        return data;
    }

    /**
     * Values for the ingress-nginx chart: {@link #config()} as {@code controller.config}, and the
     * controller's Service with {@code externalTrafficPolicy: Local}, so the load balancer keeps the
     * client's source address and the per-client rate limits of {@link IngressGateway} count clients,
     * not nodes (https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/#preserving-the-client-source-ip).
     *
     * <p>With {@code mesh}, the controller's pods get an Istio sidecar (pod label {@code sidecar.istio.io/inject},
     * which injects whatever the namespace says), so their connections to the services carry a mesh certificate
     * that a STRICT namespace ({@link StrictMutualTls}) accepts. The sidecar captures no inbound port
     * ({@code traffic.sidecar.istio.io/includeInboundPorts: ""}): clients and the API server's admission calls
     * reach nginx directly, with their own source address, and TLS stays nginx's. The Ingresses then send to the
     * Service (not to pod addresses) under the Service's host name, which the sidecar routes as mesh traffic
     * ({@link IngressGateway}). That is the documented way to run an NGINX controller in front of Istio
     * (https://docs.nginx.com/nginx-ingress-controller/tutorials/nginx-ingress-istio/ for NGINX's own controller;
     * the ingress-nginx equivalents are the service-upstream and upstream-vhost annotations,
     * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#service-upstream;
     * the pod annotation at https://istio.io/latest/docs/reference/config/annotations/#SidecarTrafficIncludeInboundPorts).
     *
     * @param mesh whether the stack runs Istio with STRICT mutual TLS
     */
    public static Map<String, Object> helmValues(boolean mesh) {
        Map<String, Object> controller = new TreeMap<>();
        controller.put("config", config());
        controller.put("service", Map.of("externalTrafficPolicy", "Local"));
        if (mesh) {
            controller.put("podLabels", Map.of(MeshSidecar.INJECT, "true"));
            controller.put("podAnnotations", Map.of(INCLUDE_INBOUND_PORTS, ""));
        }
        return Map.of("controller", controller);
    }

}
