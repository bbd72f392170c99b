package dev.voiceplane.app.bharatvoice.assistant.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * Passwords hashed with bcrypt exactly as user-management does: version 2b, cost {@value #COST};
 * passwords longer than bcrypt's 72 bytes are pre-hashed with SHA-512 rather than truncated.
 * Checking a password against an account that does not exist still spends one bcrypt round on a
 * fixed hash, so the response time does not tell which emails or phone numbers are registered.
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
