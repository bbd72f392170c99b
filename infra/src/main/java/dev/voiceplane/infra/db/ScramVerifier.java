package dev.voiceplane.infra.db;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A PostgreSQL SCRAM-SHA-256 password verifier ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>},
 * RFC 5802 section 3 with SHA-256 per RFC 7677), computed on the operator's machine so that the
 * password itself never travels to the server: {@code ALTER ROLE ... PASSWORD '<verifier>'} stores the
 * verifier as it is, and a statement log (Azure's diagnostic logs of the server) can only ever show
 * the verifier. PostgreSQL documents this as the way to keep cleartext out of logs
 * (https://www.postgresql.org/docs/14/sql-createrole.html, "Notes": psql's {@code \password} does the same).
 *
 * <p>The salt is derived from the password and the role, not drawn at random, so the same password gives
 * the same verifier on every {@code pulumi up} and the bootstrap Job's inputs do not change when nothing
 * did. The passwords hashed here are 256-bit random strings, for which a per-password salt is as good
 * as a random one.
 */
public final class ScramVerifier {
    /** PostgreSQL's own default ({@code scram_iterations}, https://www.postgresql.org/docs/16/runtime-config-connection.html). */
    public static final int ITERATIONS = 4096;
    static final String PREFIX = "SCRAM-SHA-256$";
    private static final int SALT_BYTES = 16;

    private ScramVerifier() {
    }

    /**
     * The verifier of {@code password} for {@code role}. The password must be printable ASCII: PostgreSQL
     * normalizes passwords with SASLprep, which leaves those unchanged, so no normalization is needed here.
     */
    public static String of(String role, String password) {
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the password of role " + role + " must be printable ASCII (SASLprep would change it)");
            }
        }
        byte[] secret = password.getBytes(StandardCharsets.US_ASCII);
        byte[] salt = Arrays.copyOf(hmac(secret, ("voiceplane scram salt " + role).getBytes(StandardCharsets.UTF_8)), SALT_BYTES);
        byte[] salted = pbkdf2(secret, salt, ITERATIONS);
        byte[] storedKey = sha256(hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII)));
        byte[] serverKey = hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII));
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + ITERATIONS + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
    }

    /** Whether {@code value} has the verifier's form (and so is not a cleartext password). */
    public static boolean isVerifier(String value) {
        return value.startsWith(PREFIX);
    }

    /** PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2) for one 32-byte block, which is all SCRAM-SHA-256 uses. */
    static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        byte[] first = Arrays.copyOf(salt, salt.length + 4);
        first[salt.length + 3] = 1;
        byte[] u = hmac(password, first);
        byte[] out = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac(password, u);
            for (int j = 0; j < out.length; j++) {
                out[j] ^= u[j];
            }
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        return Hashes.hmac(key, message);
    }

    private static byte[] sha256(byte[] data) {
        return Hashes.sha256(data);
    }
}
