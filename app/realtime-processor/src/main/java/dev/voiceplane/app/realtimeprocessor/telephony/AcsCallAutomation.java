package dev.voiceplane.app.realtimeprocessor.telephony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.app.core.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two Call Automation REST calls an incoming ACS call needs
 * (https://learn.microsoft.com/rest/api/communication/callautomation/call-connection): answer it
 * with bidirectional media streaming to our WebSocket, or reject it as busy. Authenticated with the
 * resource's access key as ACS documents for its REST APIs
 * (https://learn.microsoft.com/rest/api/communication/authentication): HMAC-SHA256 over the verb,
 * path and query, {@code x-ms-date}, host and the body's SHA-256, in the {@code Authorization}
 * header. A 429 or 503 is retried once after its {@code Retry-After} when that fits the budget.
 * The key is never logged or put in a message.
 */
public final class AcsCallAutomation {

    static final String API_VERSION = "2024-09-15";
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final URI endpoint;
    private final byte[] accessKey;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    /** An ACS call could not be answered or rejected; the message says how ACS answered, never the key. */
    public static final class AcsException extends RuntimeException {
        public final int status;

        AcsException(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    AcsCallAutomation(URI endpoint, byte[] accessKey, Clock clock, Duration timeout) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** From a connection string as the Azure portal shows it: {@code endpoint=https://<name>.communication.azure.com/;accesskey=<base64>}. */
    public static AcsCallAutomation fromConnectionString(String connectionString, Clock clock, Duration timeout) {
        String endpoint = null;
        String key = null;
        for (String part : connectionString.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = part.substring(0, equals).trim().toLowerCase(java.util.Locale.ROOT);
            String value = part.substring(equals + 1).trim();
            if (name.equals("endpoint")) {
                endpoint = value;
            } else if (name.equals("accesskey")) {
                key = value;
            }
        }
        if (endpoint == null || key == null || !endpoint.startsWith("http")) {
            throw new IllegalArgumentException("an ACS connection string is endpoint=https://<name>.communication.azure.com/;accesskey=<key>");
        }
        try {
            return new AcsCallAutomation(URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/"), Base64.getDecoder().decode(key), clock, timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the accesskey of the ACS connection string is not base64");
        }
    }

    /**
     * Answers the call with media streaming to {@code transportUrl} (PCM 16 kHz mono, mixed,
     * bidirectional, started at once) and Call Automation's events to {@code callbackUri}.
     */
    public JsonNode answer(String incomingCallContext, String callbackUri, String transportUrl) {
        ObjectNode body = Json.mapper().createObjectNode().put("incomingCallContext", incomingCallContext).put("callbackUri", callbackUri);
        body.putObject("mediaStreamingOptions").put("transportUrl", transportUrl).put("transportType", "websocket").put("contentType", "audio")
                .put("audioChannelType", "mixed").put("startMediaStreaming", true).put("enableBidirectional", true)
                .put("audioFormat", "pcm16KMono");
        return post("calling/callConnections:answer", body);
    }

    /**
     * Transfers the answered call to the phone {@code number} (E.164): "Transfer to participant"
     * (https://learn.microsoft.com/rest/api/communication/callautomation/call-connection/transfer-to-participant),
     * the target as a phone-number identifier. Throttling (429) is tried once more after Retry-After.
     */
    public void transfer(String callConnectionId, String number) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode target = body.putObject("targetParticipant").put("kind", "phoneNumber").put("rawId", "4:" + number);
        target.putObject("phoneNumber").put("value", number);
        post("calling/callConnections/" + java.net.URLEncoder.encode(callConnectionId, StandardCharsets.UTF_8) + ":transferToParticipant", body);
    }

    /** Rejects the call as busy: the caller hears a busy signal. */
    public void rejectBusy(String incomingCallContext) {
        post("calling/callConnections:reject", Json.mapper().createObjectNode().put("incomingCallContext", incomingCallContext)
                .put("callRejectReason", "busy"));
    }

    private JsonNode post(String path, JsonNode body) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(path, body.toString(), deadline);
            int status = response.statusCode();
            if (status / 100 == 2) {
                try {
                    return response.body().isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(response.body());
                } catch (IOException e) {
                    return Json.mapper().createObjectNode();
                }
            }
            long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(1);
            boolean retry = attempt == 1 && (status == 429 || status == 503)
                    && System.nanoTime() + Duration.ofSeconds(retryAfter).toNanos() < deadline;
            if (!retry) {
                throw new AcsException("ACS Call Automation " + path.substring(path.indexOf(':') + 1) + " at " + endpoint.getHost()
                        + " answered " + status, status);
            }
            try {
                Thread.sleep(Duration.ofSeconds(retryAfter).toMillis()); // as ACS asks: throttled, come back after Retry-After
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AcsException("interrupted", 0);
            }
        }
    }

    private HttpResponse<String> send(String path, String body, long deadline) {
        URI uri = endpoint.resolve(path + "?api-version=" + API_VERSION);
        String date = RFC_1123.format(clock.instant());
        String contentHash = Base64.getEncoder().encodeToString(sha256(body.getBytes(StandardCharsets.UTF_8)));
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String toSign = "POST\n" + uri.getRawPath() + "?" + uri.getRawQuery() + "\n" + date + ";" + host + ";" + contentHash;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
                .header("Content-Type", "application/json")
                .header("x-ms-date", date)
                .header("x-ms-content-sha256", contentHash)
                .header("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + sign(accessKey, toSign))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AcsException("ACS Call Automation at " + endpoint.getHost() + " could not be reached: " + e.getClass().getSimpleName(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AcsException("interrupted", 0);
        }
    }

    /** The signature of {@code stringToSign} under {@code key}, as ACS's HMAC scheme computes it. */
    public static String sign(byte[] key, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
