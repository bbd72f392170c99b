package dev.voiceplane.charts;

import dev.voiceplane.stack.TlsIssuer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.constructs.Construct;

/**
 * cert-manager ClusterIssuers for Let's Encrypt, staging and production, solving ACME HTTP-01
 * challenges through the nginx ingress class. Both exist on every TLS stack: staging issues
 * untrusted certificates without production's rate limits, so a new domain is tried there first
 * (https://letsencrypt.org/docs/staging-environment/); the stack's {@code tls} picks which one
 * signs its Certificate.
 */
public final class AcmeIssuers extends Construct {
    /** The cert-manager API version of ClusterIssuer and Certificate. */
    public static final String API_VERSION = "cert-manager.io/v1";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /**
     * @param email        where Let's Encrypt sends expiry and policy notices
     * @param ingressClass the ingress class that serves the HTTP-01 challenge
     * @param labels       labels of both issuers
     */
    public record Props(String email, String ingressClass, Map<String, String> labels) {
        public Props {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(ingressClass, "ingressClass");
            if (!EMAIL.matcher(email).matches()) {
                throw new IllegalArgumentException("ACME account email '" + email + "' is not an email address; "
                        + "Let's Encrypt sends certificate expiry notices to it");
            }
            labels = Map.copyOf(labels);
        }
    }

    public AcmeIssuers(Construct scope, String id, Props props) {
        super(scope, id);
        for (TlsIssuer issuer : List.of(TlsIssuer.LETSENCRYPT_STAGING, TlsIssuer.LETSENCRYPT_PRODUCTION)) {
            CustomResource.create(this, issuer.id(), API_VERSION, "ClusterIssuer", issuer.id(), null, props.labels(),
                    Map.of("spec", Map.of("acme", Map.of(
                            "server", issuer.acmeServer(),
                            "email", props.email(),
                            // The ACME account key; cert-manager creates it, it never leaves the cluster.
                            "privateKeySecretRef", Map.of("name", issuer.id() + "-account-key"),
                            // The solver pod stays out of the mesh: ingress-nginx reaches it through the Ingress
                            // cert-manager writes, at its pod address in plain text, which a sidecar under STRICT
                            // mutual TLS would refuse (StrictMutualTls); nothing in the mesh calls it.
                            "solvers", List.of(Map.of("http01", Map.of("ingress", Map.of(
                                    "ingressClassName", props.ingressClass(),
                                    "podTemplate", Map.of("metadata", Map.of("labels", MeshSidecar.optOutLabel()))))))))));
        }
    }
}
