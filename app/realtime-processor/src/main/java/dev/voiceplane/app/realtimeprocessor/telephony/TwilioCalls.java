package dev.voiceplane.app.realtimeprocessor.telephony;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Twilio's REST API for a call in progress: "Update a Call resource"
 * (https://www.twilio.com/docs/voice/api/call-resource#update-a-call-resource), {@code POST
 * /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json} with new TwiML, which ends the call's Media
 * Stream and runs the TwiML at once. Authenticated with HTTP Basic, the account SID and auth token.
 * A 429 (Twilio's rate limit, error 20429) or 503 is tried once more after {@code Retry-After}
 * (1 s when absent) if the timeout allows; anything else is a {@link TwilioApiException}.
 */
public final class TwilioCalls {

    public static final URI API = URI.create("https://api.twilio.com");
    /** E.164: a plus, then up to 15 digits, the first not zero. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern SID = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");

    private final URI api;
    private final String authToken;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TwilioCalls(URI api, String authToken, Duration timeout) {
        this.api = api;
        this.authToken = authToken;
        this.timeout = timeout;
    }

    /** Puts the call through to {@code number}: its TwiML becomes {@code <Dial>number</Dial>}. */
    public void dial(String accountSid, String callSid, String number) {
        if (!SID.matcher(accountSid).matches() || !SID.matcher(callSid).matches() || !E164.matcher(number).matches()) {
            throw new TwilioApiException("not a Twilio account SID, call SID and E.164 number", 0);
        }
        String twiml = "<Response><Dial>" + number + "</Dial></Response>";
        String form = "Twiml=" + URLEncoder.encode(twiml, StandardCharsets.UTF_8);
        URI uri = api.resolve("/2010-04-01/Accounts/" + accountSid + "/Calls/" + callSid + ".json");
        String basic = Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            int status = response.statusCode();
            if (status / 100 == 2) {
                return;
            }
            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(1);
            if (attempt > 1 || (status != 429 && status != 503) || System.nanoTime() + Duration.ofSeconds(retryAfter).toNanos() >= deadline) {
                throw new TwilioApiException("Twilio's call update answered " + status, status);
            }
            try {
                Thread.sleep(Duration.ofSeconds(retryAfter).toMillis()); // throttled: come back when Twilio says
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TwilioApiException("interrupted", 0);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TwilioApiException("Twilio's API at " + api.getHost() + " could not be reached: " + e.getClass().getSimpleName(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TwilioApiException("interrupted", 0);
        }
    }

    /** Twilio's API refused or failed; {@code status} is its HTTP status, 0 for none. */
    public static final class TwilioApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public TwilioApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
