package dev.voiceplane.app.realtimeprocessor.telephony;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived tokens that admit a telephony media stream. A provider's WebSocket carries no
 * authorisation header of ours (Twilio's carries none at all), so the webhook that verified the
 * provider's signature puts one of these in the stream's parameters: it names the call, the user
 * whose line it is and the caller number the provider asserted, and is good for {@link #LIFETIME}.
 * HMAC-SHA256 under a key derived from the service's token secret, so no new secret is needed and
 * an access token can never pass for a stream token (or the other way round).
 */
public final class StreamTokens {

    /** Twilio opens the stream right after it reads the TwiML; a minute covers a slow network. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    /** What a stream token asserts. */
    public record Claims(String provider, String callId, String userId, String callerNumber) {
    }

    private final byte[] key;
    private final Clock clock;

    public StreamTokens(String secret, Clock clock) {
        this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "voiceplane telephony stream token v1");
        this.clock = clock;
    }

    public String issue(Claims claims) {
        String payload = String.join("\n", claims.provider(), claims.callId(), claims.userId(),
                claims.callerNumber() == null ? "" : claims.callerNumber(), Long.toString(clock.instant().plus(LIFETIME).getEpochSecond()));
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(hmac(key, payload));
    }

    /** The claims of a genuine, unexpired token for {@code provider}; empty otherwise. */
    public Optional<Claims> verify(String token, String provider) {
        if (token == null || token.length() > 1_000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            String payload = new String(base64.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(hmac(key, payload), base64.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\n", -1);
            if (parts.length != 5 || !parts[0].equals(provider) || Long.parseLong(parts[4]) < clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return Optional.of(new Claims(parts[0], parts[1], parts[2], parts[3].isEmpty() ? null : parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
