package dev.voiceplane.app.core.auth;

import io.javalin.http.Context;

/**
 * The address of the client a request comes from, for per-client rate limits, sessions and the
 * audit log. Behind the NGINX ingress every request arrives from the controller's pod;
 * ingress-nginx sets {@code X-Real-IP} to the address it accepted the connection from,
 * overwriting whatever a client sent
 * (https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#use-forwarded-headers).
 * So the header is believed only when the connection comes from a {@link TrustedProxies trusted
 * proxy}; from anyone else it is a client's claim about itself and is ignored (otherwise changing
 * it resets a rate limit and forges the audit log). {@code X-Forwarded-For} is never used, since a
 * client can prepend to it.
 */
public final class ClientAddress {
    public static final String REAL_IP = "X-Real-IP";
    private static final String ATTRIBUTE = "voiceplane.clientAddress";

    private ClientAddress() {
    }

    /** Resolves and remembers the request's client address; core calls this before every request. */
    public static void assign(Context ctx, TrustedProxies proxies) {
        ctx.attribute(ATTRIBUTE, resolve(ctx.header(REAL_IP), ctx.ip(), proxies));
    }

    /** The client's address: as {@link #assign} resolved it, else the connection's address. */
    public static String of(Context ctx) {
        String assigned = ctx.attribute(ATTRIBUTE);
        return assigned != null ? assigned : ctx.ip();
    }

    /** The real-IP header when the connection comes from a trusted proxy and the header holds an address, else the connection's address. */
    static String resolve(String realIpHeader, String connectionAddress, TrustedProxies proxies) {
        if (realIpHeader != null && proxies.trusts(connectionAddress) && TrustedProxies.literal(realIpHeader) != null) {
            return realIpHeader.trim();
        }
        return connectionAddress;
    }
}
