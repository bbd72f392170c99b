package dev.voiceplane.app.core.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * Password hashing with bcrypt at cost {@value #COST} (OWASP's minimum for bcrypt; about 60 ms here).
 * Passwords longer than bcrypt's 72 bytes are pre-hashed with SHA-512 rather than truncated, so a
 * long passphrase keeps all its entropy. Verifying against an unknown account still spends one
 * bcrypt round on a fixed hash, so response time does not reveal which emails exist. Shared by every
 * service that keeps accounts (user-management, BharatVoice's assistant), so all hash alike.
 */
public final class PasswordHasher {

    public static final int COST = 10;
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

    private final String dummyHash;

    public PasswordHasher() {
        this.dummyHash = hash("not-a-real-password-only-for-timing");
    }

    public String hash(String password) {
        return BCrypt.with(VERSION, LONG_PASSWORDS).hashToString(COST, password.toCharArray());
    }

    /** Whether {@code password} matches {@code hash}; a null hash (no account) never matches but costs the same. */
    public boolean matches(String password, String hash) {
        boolean verified = BCrypt.verifyer(VERSION, LONG_PASSWORDS)
                .verify(password.toCharArray(), (hash != null ? hash : dummyHash).toCharArray()).verified;
        return hash != null && verified;
    }
}
