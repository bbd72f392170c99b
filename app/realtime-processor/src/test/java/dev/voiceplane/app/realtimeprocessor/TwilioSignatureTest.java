package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.realtimeprocessor.telephony.StreamTokens;
import dev.voiceplane.app.realtimeprocessor.telephony.TwilioSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    /**
     * Twilio's documented example (https://www.twilio.com/docs/usage/security, "Validating
     * Requests"; also in twilio-php's validation guide): auth token 12345, this URL and these POST
     * parameters are signed RSOYDt4T1cUTdK1PDd93/VVr8B8=.
     */
    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final Map<String, String> PARAMETERS = new LinkedHashMap<>(Map.of(
            "CallSid", "CA1234567890ABCDE", "Caller", "+14158675309", "Digits", "1234", "From", "+14158675309", "To", "+18005551212"));

    @Test
    void twiliosDocumentedExampleVerifies() {
        assertThat(TwilioSignature.of(TOKEN, URL, PARAMETERS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMETERS, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void anyChangeToTheUrlParametersOrKeyBreaksIt() {
        String signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
        Map<String, String> forgedCaller = new LinkedHashMap<>(PARAMETERS);
        forgedCaller.put("From", "+4930123456");
        assertThat(TwilioSignature.valid(TOKEN, URL, forgedCaller, signature)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL.replace("foo=1", "foo=2"), PARAMETERS, signature)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL.replace("https", "http"), PARAMETERS, signature)).isFalse();
        assertThat(TwilioSignature.valid("54321", URL, PARAMETERS, signature)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMETERS, null)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, PARAMETERS, "")).isFalse();
    }

    @Test
    void aStreamTokenNamesItsCallAndExpires() {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        StreamTokens tokens = new StreamTokens("a-secret-of-the-service", Clock.fixed(now, ZoneOffset.UTC));
        String token = tokens.issue(new StreamTokens.Claims("twilio", "CA1", "user-1", "+4930123456"));

        assertThat(tokens.verify(token, "twilio")).contains(new StreamTokens.Claims("twilio", "CA1", "user-1", "+4930123456"));
        assertThat(tokens.verify(token, "acs")).isEmpty(); // issued for another provider's stream
        assertThat(new StreamTokens("another-secret", Clock.fixed(now, ZoneOffset.UTC)).verify(token, "twilio")).isEmpty();
        StreamTokens later = new StreamTokens("a-secret-of-the-service", Clock.fixed(now.plus(StreamTokens.LIFETIME).plus(Duration.ofSeconds(1)),
                ZoneOffset.UTC));
        assertThat(later.verify(token, "twilio")).isEmpty();
        String[] parts = token.split("\\.");
        String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "twilio\nCA1\nuser-2\n+4930123456\n9999999999".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[1];
        assertThat(tokens.verify(tampered, "twilio")).isEmpty();
        assertThat(tokens.verify("not-a-token", "twilio")).isEmpty();
        assertThat(tokens.verify(null, "twilio")).isEmpty();
    }
}
