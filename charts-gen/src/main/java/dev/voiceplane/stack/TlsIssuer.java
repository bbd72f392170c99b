package dev.voiceplane.stack;

/** Which cert-manager issuer signs the ingress certificates. */
public enum TlsIssuer {
    /** No TLS: a laptop cluster reached over plain HTTP. */
    NONE("none", ""),
    LETSENCRYPT_STAGING("letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory"),
    LETSENCRYPT_PRODUCTION("letsencrypt-production", "https://acme-v02.api.letsencrypt.org/directory");

    private final String id;
    private final String acmeServer;

    TlsIssuer(String id, String acmeServer) {
        this.id = id;
        this.acmeServer = acmeServer;
    }

    /** Also the ClusterIssuer's name. */
    public String id() {
        return id;
    }

    public String acmeServer() {
        return acmeServer;
    }
}
