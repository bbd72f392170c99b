package dev.voiceplane.app.core.auth;

import java.time.Duration;

/**
 * When repeated wrong credentials lock an account, and for how long: after {@code maxFailures}
 * wrong passwords (or second-factor codes) in a row the account is locked for {@code firstLockout};
 * each further lockout without a successful login in between doubles it, up to {@link #LONGEST}.
 * While locked even the right password is refused (429 with Retry-After), so guessing gains at
 * most {@code maxFailures} tries per lockout instead of the IP rate limit's budget; the lockout is
 * short enough that an attacker locking a victim out costs the victim minutes, not a day. OWASP's
 * Authentication Cheat Sheet recommends exactly this shape
 * (https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#account-lockout).
 *
 * @param maxFailures  wrong attempts in a row that lock the account (default 5)
 * @param firstLockout the first lockout (default 60 s)
 */
public record LockoutPolicy(int maxFailures, Duration firstLockout) {

    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_FIRST_LOCKOUT = Duration.ofSeconds(60);
    public static final Duration LONGEST = Duration.ofHours(1);
    public static final LockoutPolicy DEFAULT = new LockoutPolicy(DEFAULT_MAX_FAILURES, DEFAULT_FIRST_LOCKOUT);

    public LockoutPolicy {
        if (maxFailures < 1 || firstLockout.isNegative() || firstLockout.isZero()) {
            throw new IllegalArgumentException("a lockout needs at least one failure and a positive duration");
        }
    }

    /** Whether this many wrong attempts in a row lock the account. */
    public boolean locks(int failuresInARow) {
        return failuresInARow >= maxFailures;
    }

    /** How long the {@code lockouts}-th lockout (1 for the first) lasts. */
    public Duration lockoutFor(int lockouts) {
        Duration lockout = firstLockout.multipliedBy(1L << Math.max(0, Math.min(lockouts - 1, 20)));
        return lockout.compareTo(LONGEST) > 0 ? LONGEST : lockout;
    }
}
