package dev.voiceplane.app.core.auth;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * The address of the client a request comes from, for per-client rate limits, sessions and the audit log. Behind the NGINX
 * ingress every request arrives from the controller's pod, so the connection's address would put
 * all anonymous callers into one budget; ingress-nginx sets {@code X-Real-IP} to the address it
 * accepted the connection from, overwriting whatever a client sent
 * (https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#use-forwarded-headers).
 * The network policies admit outside traffic only through the ingress, so the header can be trusted
 * there; {@code X-Forwarded-For} is not used, since a client can prepend to it.
 */
public final class ClientAddress {
    public static final String REAL_IP = "X-Real-IP";
    /** IPv4 or IPv6 literal; anything else in the header is ignored. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    public static String of(Context ctx) {
        return resolve(ctx.header(REAL_IP), ctx.ip());
    }

    /** The real-IP header when it holds an address, else the connection's address. */
    static String resolve(String realIpHeader, String connectionAddress) {
        if (realIpHeader != null) {
            String candidate = realIpHeader.trim();
            if (ADDRESS.matcher(candidate).matches()) {
                return candidate;
            }
        }
        return connectionAddress;
    }
}
