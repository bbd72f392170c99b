package dev.voiceplane.app.core.auth;

import dev.voiceplane.app.core.http.Input;

/**
 * The password rules of every service that keeps accounts (user-management, BharatVoice's
 * assistant), so that one person's password is acceptable to both. Messages name the field and
 * the rule, never the value.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    /** Bounds the SHA-512 pre-hash {@link PasswordHasher} spends on a login attempt. */
    public static final int MAX_LENGTH = 256;
    private static final String FIELD = "password";

    private PasswordPolicy() {
    }

    /** A password a new account may choose: present, {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters. */
    public static String chosen(String password) {
        presented(password);
        Input.require(password.length() >= MIN_LENGTH, "field '" + FIELD + "' must be at least " + MIN_LENGTH + " characters");
        return password;
    }

    /**
     * A password given at login: present and not over the maximum. The minimum is not checked
     * here, so an account made under an older, shorter rule can still log in.
     */
    public static String presented(String password) {
        Input.require(password != null && !password.isEmpty(), "field '" + FIELD + "' is required");
        Input.require(password.length() <= MAX_LENGTH, "field '" + FIELD + "' must be at most " + MAX_LENGTH + " characters");
        return password;
    }
}
