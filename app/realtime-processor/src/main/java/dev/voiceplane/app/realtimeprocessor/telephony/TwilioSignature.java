package dev.voiceplane.app.realtimeprocessor.telephony;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature (https://www.twilio.com/docs/usage/security#validating-requests):
 * {@code X-Twilio-Signature} is the base64 HMAC-SHA1, keyed by the account's auth token, of the full
 * URL Twilio requested (scheme, host, path and query) followed by every POST parameter, sorted by
 * name, as name and value with nothing between. Compared in constant time.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String of(String authToken, String url, Map<String, String> postParameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParameters).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JRE", e);
        }
    }

    public static boolean valid(String authToken, String url, Map<String, String> postParameters, String signature) {
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] expected = of(authToken, url, postParameters).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
