package dev.voiceplane.app.core.auth;

import dev.voiceplane.app.core.redis.RedisStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/**
 * Makes every access token a user holds invalid at once, on every service of the system: when an
 * account is erased, a role is taken away or all sessions are revoked. Access tokens are
 * stateless, so without this an erased user or a demoted admin keeps working until expiry.
 *
 * <p>Chosen over a token version in the account row: every service of a system already shares its
 * Redis, while only user-management reads the accounts. The list holds one key per revoked
 * subject, {@code voiceplane:revoked:<system>:<subject>} = the revocation time in milliseconds;
 * a token issued before it (claim {@code iat_ms}) is refused. The key expires after
 * {@link #REMEMBER}, longer than any access token lives, so the list never grows. Service tokens
 * are not checked: no person stands behind them, and the decision path stays one round trip.
 */
public final class TokenRevocations {

    /** Longer than any access token is issued for (15 min for users; 12 h for the local run's convenience tokens). */
    public static final Duration REMEMBER = Duration.ofHours(24);

    private final RedisStore redis;
    private final String audience;
    private final Clock clock;

    public TokenRevocations(RedisStore redis, String audience, Clock clock) {
        this.redis = redis;
        this.audience = audience;
        this.clock = clock;
    }

    /** Refuses from now on every token issued to {@code subject} up to this instant. */
    public void revokeAll(String subject) {
        redis.client().set(key(subject), Long.toString(clock.millis()), SetParams.setParams().px(REMEMBER.toMillis()));
    }

    /**
     * Whether {@code principal}'s token was issued before its subject's tokens were revoked.
     * Throws when Redis does not answer; {@link AccessGuard} decides what that means.
     */
    public boolean revoked(Principal principal) {
        if (principal.has(Role.SERVICE) && principal.roles().size() == 1) {
            return false;
        }
        Optional<Instant> since = revokedSince(principal.subject());
        return since.isPresent() && (principal.issuedAt() == null || principal.issuedAt().isBefore(since.get()));
    }

    public Optional<Instant> revokedSince(String subject) {
        String value = redis.client().get(key(subject));
        return value == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
    }

    private String key(String subject) {
        return "voiceplane:revoked:" + audience + ":" + subject;
    }
}
