package dev.voiceplane.infra.db;

import com.pulumi.core.Output;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A secret derived from another with HMAC-SHA256 under a purpose label: the application role's password
 * from the server's administrator password ({@code voiceplane-secrets:postgresAdminPassword}, the one secret
 * an operator sets).
 *
 * <p>Why derived and not generated: the value must be the same on every {@code pulumi up} (the vault entry
 * the services read and the role's password must agree), and a generated value needs a provider that keeps
 * it in state: {@code com.pulumi:random} is not on the Maven repository this project builds from. HMAC is
 * one-way, so the derived password reveals nothing about the administrator's; rotating the administrator
 * password rotates this one too (infra/README.md, "Rotating the database passwords"). The result is 43
 * characters of URL-safe base64 (256 bits), printable ASCII as {@link ScramVerifier} needs.
 */
public final class DerivedSecret {
    private DerivedSecret() {
    }

    /** The value for {@code purpose} (e.g. {@code "db-password ai_ninja_app"}), a Pulumi secret like its root. */
    public static Output<String> of(Output<String> root, String purpose) {
        return root.applyValue(r -> derive(r, purpose)).asSecret();
    }

    /** The plain value, for tests that check where it went (and that it went nowhere else). */
    public static String derive(String root, String purpose) {
        byte[] mac = Hashes.hmac(root.getBytes(StandardCharsets.UTF_8), ("voiceplane " + purpose).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
