package dev.voiceplane.app.core.auth;

import java.time.Duration;

/**
 * How many requests one client may make per window. Users and anonymous callers are limited
 * tightly (the BharatVoice guide's ingress allows 10 r/s general, 1 r/s on auth); in-cluster
 * services are not counted by default (see {@link #UNLIMITED}), since one of them speaks for many
 * calls at once.
 *
 * @param window     the fixed window the counts apply to
 * @param anonymous  requests per window for a caller without a token, keyed by IP (login, refresh)
 * @param user       requests per window for one user
 * @param service    requests per window for one calling service
 */
public record RateLimitPolicy(Duration window, int anonymous, int user, int service) {

    /**
     * No limit, and no Redis round trip to count one. The default for in-cluster services: network
     * policies decide who may call, their own limits (MAX_CONCURRENT_CALLS) bound how much, and
     * counting every call of the hottest path (whitelist decisions) in Redis would cost a round
     * trip per request for a limit that never triggers.
     */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public static final RateLimitPolicy DEFAULT = new RateLimitPolicy(Duration.ofMinutes(1), 60, 600, UNLIMITED);

    public RateLimitPolicy {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limit window must be positive, got " + window);
        }
    }

    public int limitFor(Principal principal) {
        if (principal == null) {
            return anonymous;
        }
        return principal.has(Role.SERVICE) ? service : user;
    }
}
