package dev.voiceplane.charts;

import java.util.Map;
import java.util.TreeMap;

/**
 * The settings of the NGINX ingress controller that nginx only has per server or globally, so no
 * Ingress annotation can set them: TLS 1.2/1.3 only with forward-secret ciphers, gzip, the
 * response headers the {@code custom-headers} annotation may set, snippets off. They are values of
 * the ingress-nginx Helm release infra installs ({@link #helmValues()}): the controller belongs to
 * the cluster, not to a system's chart, so the app chart no longer writes the controller's
 * ConfigMap in another namespace. Keys documented at
 * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/, chart values at
 * https://github.com/kubernetes/ingress-nginx/blob/main/charts/ingress-nginx/values.yaml.
 */
public final class IngressControllerSettings {
    public static final String NAMESPACE = "ingress-nginx";
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
     */
    public static Map<String, Object> helmValues() {
        return Map.of("controller", Map.of(
                "config", config(),
                "service", Map.of("externalTrafficPolicy", "Local")));
    }
}
