package dev.voiceplane.app.core.auth;

import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.http.RetryLaterException;
import dev.voiceplane.catalog.Env;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-account lockout after wrong passwords or second-factor codes ({@link LockoutPolicy}), kept in
 * the account row in PostgreSQL: it holds across replicas, and unlike the per-address rate limit in
 * Redis it cannot be reset by changing address or by a cache outage. A wrong password and a wrong
 * TOTP code count alike: either is a guess at the account. The account table needs the columns
 * {@code id}, {@code failed_logins INT}, {@code lockouts INT} and {@code locked_until TIMESTAMPTZ}
 * (user-management's {@code account}, BharatVoice's {@code user_account}).
 */
public final class AccountLockout {

    private final Jdbi jdbi;
    private final String table;
    private final LockoutPolicy policy;
    private final Clock clock;

    /** @param table the accounts table: a name from code, never from input */
    public AccountLockout(Jdbi jdbi, String table, LockoutPolicy policy, Clock clock) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("table name '" + table + "' must be lower-case letters and '_'");
        }
        this.jdbi = jdbi;
        this.table = table;
        this.policy = policy;
        this.clock = clock;
    }

    /** The policy from the catalog's {@code LOGIN_MAX_FAILURES} and {@code LOGIN_LOCKOUT_SECONDS}, defaults when unset. */
    public static LockoutPolicy policy(ServiceConfig config) {
        int failures = config.declares(Env.LOGIN_MAX_FAILURES) ? config.intValue(Env.LOGIN_MAX_FAILURES, LockoutPolicy.DEFAULT_MAX_FAILURES)
                : LockoutPolicy.DEFAULT_MAX_FAILURES;
        int seconds = config.declares(Env.LOGIN_LOCKOUT_SECONDS)
                ? config.intValue(Env.LOGIN_LOCKOUT_SECONDS, (int) LockoutPolicy.DEFAULT_FIRST_LOCKOUT.toSeconds())
                : (int) LockoutPolicy.DEFAULT_FIRST_LOCKOUT.toSeconds();
        try {
            return new LockoutPolicy(failures, Duration.ofSeconds(seconds));
        } catch (IllegalArgumentException e) {
            throw new dev.voiceplane.app.core.config.ConfigException("environment variables " + Env.LOGIN_MAX_FAILURES + " and "
                    + Env.LOGIN_LOCKOUT_SECONDS + " must be at least 1");
        }
    }

    /** The refusal for a locked account: 429 with {@code Retry-After}, the same whatever the password. */
    public static RetryLaterException locked(Duration left) {
        long seconds = left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
        return new RetryLaterException(429, "this account is locked after repeated wrong passwords or codes; retry after "
                + Math.max(1, seconds) + " s", seconds);
    }

    /** How long the account stays locked, if it is locked now. */
    public Optional<Duration> remaining(UUID accountId) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createQuery("SELECT locked_until FROM " + table + " WHERE id = :id")
                        .bind("id", accountId).mapTo(Instant.class).findOne())
                .filter(until -> until.isAfter(now))
                .map(until -> Duration.between(now, until));
    }

    /** Counts a wrong password or code; returns the lockout it started, if it started one. */
    public Optional<Duration> failed(UUID accountId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            var row = h.createQuery("SELECT failed_logins, lockouts FROM " + table + " WHERE id = :id FOR UPDATE")
                    .bind("id", accountId).mapToMap().findOne();
            if (row.isEmpty()) {
                return Optional.<Duration>empty();
            }
            int failures = ((Number) row.get().get("failed_logins")).intValue() + 1;
            int lockouts = ((Number) row.get().get("lockouts")).intValue();
            if (!policy.locks(failures)) {
                h.createUpdate("UPDATE " + table + " SET failed_logins = :f WHERE id = :id").bind("f", failures).bind("id", accountId).execute();
                return Optional.<Duration>empty();
            }
            Duration lockout = policy.lockoutFor(lockouts + 1);
            h.createUpdate("UPDATE " + table + " SET failed_logins = 0, lockouts = :l, locked_until = :until WHERE id = :id")
                    .bind("l", lockouts + 1).bind("until", now.plus(lockout)).bind("id", accountId).execute();
            return Optional.of(lockout);
        });
    }

    /** A successful login: the count and the lockout ladder start again. */
    public void succeeded(UUID accountId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE " + table + """
                         SET failed_logins = 0, lockouts = 0, locked_until = NULL
                        WHERE id = :id AND (failed_logins <> 0 OR lockouts <> 0 OR locked_until IS NOT NULL)""")
                .bind("id", accountId).execute());
    }
}
