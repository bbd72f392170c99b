package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.auth.LockoutPolicy;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-account lockout after wrong passwords or TOTP codes ({@link LockoutPolicy}), kept in the
 * account row in PostgreSQL: it holds across replicas, and unlike the per-address rate limit in
 * Redis it cannot be reset by changing address or by a cache outage. A wrong password and a wrong
 * TOTP code count alike: either is a guess at the account.
 */
public final class LoginLockout {

    private final Jdbi jdbi;
    private final LockoutPolicy policy;
    private final Clock clock;

    public LoginLockout(Jdbi jdbi, LockoutPolicy policy, Clock clock) {
        this.jdbi = jdbi;
        this.policy = policy;
        this.clock = clock;
    }

    static LockoutPolicy policy(ServiceConfig config) {
        return new LockoutPolicy(config.intValue(Env.LOGIN_MAX_FAILURES, LockoutPolicy.DEFAULT_MAX_FAILURES),
                Duration.ofSeconds(config.intValue(Env.LOGIN_LOCKOUT_SECONDS, (int) LockoutPolicy.DEFAULT_FIRST_LOCKOUT.toSeconds())));
    }

    /** How long the account stays locked, if it is locked now. */
    public Optional<Duration> remaining(UUID accountId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("SELECT locked_until FROM account WHERE id = :id")
                        .bind("id", accountId).mapTo(Instant.class).findOne())
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
    }

    /** Counts a wrong password or code; returns the lockout it started, if it started one. */
    public Optional<Duration> failed(UUID accountId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            var row = h.createQuery("SELECT failed_logins, lockouts FROM account WHERE id = :id FOR UPDATE")
                    .bind("id", accountId).mapToMap().findOne();
            if (row.isEmpty()) {
                return Optional.<Duration>empty();
            }
            int failures = ((Number) row.get().get("failed_logins")).intValue() + 1;
            int lockouts = ((Number) row.get().get("lockouts")).intValue();
            if (!policy.locks(failures)) {
                h.createUpdate("UPDATE account SET failed_logins = :f WHERE id = :id").bind("f", failures).bind("id", accountId).execute();
                return Optional.<Duration>empty();
            }
            Duration lockout = policy.lockoutFor(lockouts + 1);
            h.createUpdate("UPDATE account SET failed_logins = 0, lockouts = :l, locked_until = :until WHERE id = :id")
                    .bind("l", lockouts + 1).bind("until", now.plus(lockout)).bind("id", accountId).execute();
            return Optional.of(lockout);
        });
    }

    /** A successful login: the count and the lockout ladder start again. */
    public void succeeded(UUID accountId) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE account SET failed_logins = 0, lockouts = 0, locked_until = NULL
                        WHERE id = :id AND (failed_logins <> 0 OR lockouts <> 0 OR locked_until IS NOT NULL)""")
                .bind("id", accountId).execute());
    }
}
