package dev.voiceplane.infra;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets drawn at random by the program, for values nothing else can derive: kept only where they are
 * written (a Kubernetes Secret or a Key Vault entry written once, whose later runs keep the first value).
 */
public final class RandomValues {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomValues() {
    }

    /** 32 random bytes as URL-safe base64 without padding: a password or token. */
    public static String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(32));
    }

    /** An AES-256 key as user-management reads TOTP_ENCRYPTION_KEY: 32 random bytes, standard base64. */
    public static String aes256Key() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }

    private static byte[] bytes(int n) {
        byte[] out = new byte[n];
        RANDOM.nextBytes(out);
        return out;
    }
}
