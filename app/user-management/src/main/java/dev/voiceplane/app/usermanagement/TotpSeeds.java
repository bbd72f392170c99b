package dev.voiceplane.app.usermanagement;

import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP seeds encrypted at rest: AES-256-GCM with a random 96-bit nonce per seed, stored as
 * {@code v1:<base64(nonce || ciphertext+tag)>}, the account id as associated data (a seed copied
 * to another row does not decrypt). A database dump alone no longer gives an attacker anyone's
 * second factor. The key is {@code TOTP_ENCRYPTION_KEY} (32 bytes, base64); without it a key is
 * derived from {@code JWT_REFRESH_SECRET} with HMAC-SHA256 under a label of its own, so the seed
 * never sits in plaintext even where the operator set no dedicated key (rotating that secret then
 * needs the seeds re-encrypted, which is why a dedicated key is better).
 */
public final class TotpSeeds {

    static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    TotpSeeds(byte[] key) {
        if (key.length != 32) {
            throw new ConfigException("environment variable " + Env.TOTP_ENCRYPTION_KEY + " must be 32 bytes in base64 (AES-256)");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    static TotpSeeds from(ServiceConfig config) {
        var configured = config.optional(Env.TOTP_ENCRYPTION_KEY);
        if (configured.isPresent()) {
            try {
                return new TotpSeeds(Base64.getDecoder().decode(configured.get()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("environment variable " + Env.TOTP_ENCRYPTION_KEY + " is not base64");
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.get(Env.JWT_REFRESH_SECRET).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return new TotpSeeds(mac.doFinal("voiceplane totp seed encryption v1".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** The stored form of {@code seed} for {@code accountId}. */
    String seal(String accountId, String seed) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(seed.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a TOTP seed", e);
        }
    }

    /** The seed of a stored value; a value from before encryption (no prefix) is returned as it is. */
    String open(String accountId, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored TOTP seed does not decrypt with the configured key (was "
                    + Env.TOTP_ENCRYPTION_KEY + " changed?)");
        }
    }

    static boolean sealed(String stored) {
        return stored == null || stored.startsWith(PREFIX);
    }
}
