package dev.voiceplane.app.usermanagement;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * Time-based one-time passwords (RFC 6238): HMAC-SHA1, 30-second steps, 6 digits — what every
 * authenticator app accepts. One step either side is accepted for clock drift (RFC 6238 §5.2).
 * Secrets are 160 random bits (RFC 4226 §4), shown to the user in base32.
 */
public final class Totp {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final String ISSUER = "ai-ninja";
    private static final int SECRET_BYTES = 20;
    private static final int DRIFT_STEPS = 1;

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, 6);
    private final SecureRandom random = new SecureRandom();

    public String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new Base32().encodeToString(secret).replace("=", "");
    }

    /** The {@code otpauth://} URI authenticator apps import (usually shown as a QR code). */
    public String provisioningUri(String secret, String accountEmail) {
        String label = URLEncoder.encode(ISSUER + ":" + accountEmail, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER + "&algorithm=SHA1&digits=6&period=30";
    }

    /** The code for {@code secret} at {@code at}. */
    public String codeAt(String secret, Instant at) {
        try {
            return generator.generateOneTimePasswordString(key(secret), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("TOTP secret is unusable", e);
        }
    }

    /** The time step {@code code} is valid for near {@code now}, or empty when it matches none. */
    public OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !code.matches("[0-9]{6}")) {
            return OptionalLong.empty();
        }
        long step = now.getEpochSecond() / STEP.getSeconds();
        for (int drift = -DRIFT_STEPS; drift <= DRIFT_STEPS; drift++) {
            Instant candidate = Instant.ofEpochSecond((step + drift) * STEP.getSeconds());
            if (java.security.MessageDigest.isEqual(codeAt(secret, candidate).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step + drift);
            }
        }
        return OptionalLong.empty();
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(new Base32().decode(secret), "HmacSHA1");
    }
}
