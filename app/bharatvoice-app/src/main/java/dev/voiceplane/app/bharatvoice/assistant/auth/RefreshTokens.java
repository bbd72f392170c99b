package dev.voiceplane.app.bharatvoice.assistant.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Refresh tokens are opaque: 32 random bytes (256 bits) from {@link SecureRandom}, base64url
 * without padding (43 characters). They carry no claims and need no key — the catalog gives this
 * service no refresh secret — because the database decides what a token means. Only
 * {@link #hash(String) SHA-256} of a token is stored; a salt or slow hash is not needed for
 * 256-bit random values, and the plain SHA-256 keeps the lookup a primary-key read.
 */
public final class RefreshTokens {

    public static final Duration TTL = Duration.ofDays(30);
    /** What a token this service issued looks like; anything else is refused before a lookup. */
    public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final int BYTES = 32;
    private final SecureRandom random = new SecureRandom();

    /** A new token; give it to the client once and store only its {@link #hash}. */
    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of {@code token} in lower-case hex: what the {@code refresh_token} table keys on. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
