package dev.voiceplane.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every TLS host of an Ingress gets a certificate: a cert-manager Certificate covering the host writes its
 * secret, or the Ingress asks cert-manager's ingress-shim with {@code cert-manager.io/cluster-issuer}/{@code issuer}
 * (https://cert-manager.io/docs/usage/ingress/); and the issuer named exists (in the objects, or installed
 * for the cluster: {@link ClusterFacts#clusterIssuers()}).
 */
final class TlsIssuers {
    static final RuleSpec SPEC = RuleSpec.of("tls-issuer", Severity.ERROR, Layer.CROSS_OBJECT,
            "every TLS host has a certificate from an issuer that exists", "add a Certificate for the host, or the cert-manager.io/cluster-issuer annotation",
            "https://cert-manager.io/docs/usage/ingress/").decidedBy("voiceplane:tls");

    private TlsIssuers() {
    }

    static Rule rule() {
        return Rules.of(SPEC, (m, f) -> {
            for (Source ing : m.ofKind("Ingress")) {
                int i = 0;
                for (JsonNode tls : ing.at("/spec/tls")) {
                    String secret = tls.path("secretName").asText("");
                    int h = 0;
                    for (JsonNode host : tls.path("hosts")) {
                        String at = "/spec/tls/" + i + "/hosts/" + h++;
                        String issuer = issuerFor(m, ing, secret, host.asText());
                        if (issuer == null) {
                            f.add(ing, at, "TLS host " + host.asText() + " has no Certificate and no issuer annotation: secret " + secret + " is never written");
                        } else if (!issuerExists(m, ing.namespace(), issuer)) {
                            f.add(ing, at, "TLS host " + host.asText() + " is issued by " + issuer + ", which neither the objects nor the cluster have");
                        }
                    }
                    i++;
                }
            }
        });
    }

    /** "ClusterIssuer/x" or "Issuer/x", or null when nothing issues the host. */
    private static String issuerFor(Model m, Source ing, String secret, String host) {
        String cluster = ing.annotation("cert-manager.io/cluster-issuer");
        if (!cluster.isEmpty()) {
            return "ClusterIssuer/" + cluster;
        }
        String local = ing.annotation("cert-manager.io/issuer");
        if (!local.isEmpty()) {
            return "Issuer/" + local;
        }
        for (Source cert : m.ofKind("Certificate")) {
            Set<String> names = new TreeSet<>();
            cert.at("/spec/dnsNames").forEach(n -> names.add(n.asText()));
            if (cert.namespace().equals(ing.namespace()) && cert.at("/spec/secretName").asText().equals(secret) && names.contains(host)) {
                return cert.at("/spec/issuerRef/kind").asText("Issuer") + "/" + cert.at("/spec/issuerRef/name").asText();
            }
        }
        return null;
    }

    private static boolean issuerExists(Model m, String namespace, String issuer) {
        String kind = issuer.substring(0, issuer.indexOf('/'));
        String name = issuer.substring(issuer.indexOf('/') + 1);
        if (kind.equals("ClusterIssuer")) {
            return m.find("ClusterIssuer", "", name).isPresent() || m.facts().clusterIssuers().contains(name);
        }
        return m.find("Issuer", namespace, name).isPresent();
    }
}
