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

    /**
     * The first value of a Secret key nothing else provides, by what its name says it holds: the system's
     * name for a user name; a random token for our own passwords, secrets and tokens; a random AES-256 key
     * for TOTP_ENCRYPTION_KEY; empty for what only someone else can issue (a Twilio token, webhook URLs,
     * connection strings, the backup GPG public key), which the operator fills in and whose absence turns
     * the feature off.
     */
    public static String initial(String key, String system) {
        if (key.endsWith("_USERNAME") || key.endsWith("_USER")) {
            return system.replace('-', '_');
        }
        if (key.startsWith("TWILIO_")) {
            return "";
        }
        if (key.endsWith("PASSWORD") || key.endsWith("_SECRET") || key.endsWith("_TOKEN")) {
            return token();
        }
        if (key.equals(dev.voiceplane.catalog.Env.TOTP_ENCRYPTION_KEY)) {
            return aes256Key();
        }
        return "";
    }
}
