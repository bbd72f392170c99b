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

    /** The ACME account. Required: the contact email; the solver's ingress class and the labels have defaults. */
    public static final class Props {
        private final String email;
        private final String ingressClass;
        private final Map<String, String> labels;

        private Props(Builder b) {
            email = b.email;
            ingressClass = b.ingressClass;
            labels = Map.copyOf(b.labels);
        }

        /** @param email where Let's Encrypt sends expiry and policy notices */
        public static Builder builder(String email) {
            return new Builder(email);
        }

        public String email() {
            return email;
        }

        public String ingressClass() {
            return ingressClass;
        }

        public Map<String, String> labels() {
            return labels;
        }

        public static final class Builder {
            private final String email;
            private String ingressClass = IngressGateway.INGRESS_CLASS;
            private Map<String, String> labels = Labels.ofWorkload("letsencrypt", "tls");

            private Builder(String email) {
                this.email = Objects.requireNonNull(email, "email");
            }

            /** The ingress class that serves the HTTP-01 challenge. Default {@link IngressGateway#INGRESS_CLASS}, the gateway's. */
            public Builder ingressClass(String ingressClass) {
                this.ingressClass = Objects.requireNonNull(ingressClass, "ingressClass");
                return this;
            }

            /** Labels of both issuers. Default: workload {@code letsencrypt}, component {@code tls}. */
            public Builder labels(Map<String, String> labels) {
                this.labels = Objects.requireNonNull(labels, "labels");
                return this;
            }

            public Props build() {
                return new Props(this);
            }
        }
    }

    public AcmeIssuers(Construct scope, String id, Props props) {
        super(scope, id);
        if (!EMAIL.matcher(props.email()).matches()) {
            Problems.report(this, List.of("ACME account email '" + props.email() + "' is not an email address; "
                    + "Let's Encrypt sends certificate expiry notices to it"));
        }
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
