package dev.voiceplane.charts;

import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.ObjectMeta;
import software.constructs.Construct;

/**
 * The settings of the NGINX ingress controller that nginx only has per server or globally, so no
 * Ingress annotation can set them: TLS 1.2/1.3 only with forward-secret ciphers, gzip, the
 * response headers the {@code custom-headers} annotation may set, snippets off. Written to the
 * ConfigMap the controller reads ({@code --configmap=ingress-nginx/ingress-nginx-controller}, the
 * name both the ingress-nginx Helm chart and its static manifests use); keys documented at
 * https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/.
 */
public final class IngressControllerSettings extends Construct {
    public static final String NAMESPACE = "ingress-nginx";
    public static final String NAME = "ingress-nginx-controller";
    /** The headers {@link IngressGateway}'s ConfigMap sets; nginx drops any other. */
    public static final String ALLOWED_HEADERS =
            "Content-Security-Policy,Referrer-Policy,Strict-Transport-Security,X-Content-Type-Options,X-Frame-Options";

    public IngressControllerSettings(Construct scope, String id) {
        super(scope, id);
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
        KubeConfigMap.Builder.create(this, "config")
                .metadata(ObjectMeta.builder().name(NAME).namespace(NAMESPACE)
                        .labels(new TreeMap<>(Labels.ofWorkload(NAME, "ingress")))
                        .build())
                .data(data)
                .build();
    }
}
