package dev.voiceplane.app.realtimeprocessor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.realtimeprocessor.telephony.AcsCallAutomation;
import dev.voiceplane.app.testkit.StubService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for ACS Call Automation's REST API, speaking its documented wire
 * (https://learn.microsoft.com/rest/api/communication/callautomation/call-connection/answer-call):
 * {@code POST /calling/callConnections:answer} and {@code :reject} with {@code api-version}, HMAC-SHA256
 * authentication checked as ACS checks it (401 with ACS's error body otherwise), and on demand its
 * throttling (429 with {@code Retry-After}) and server errors. Answered calls are handed to the
 * test as their media streaming transport URL, where {@link AcsCaller} connects as ACS would.
 */
public final class AcsStandIn implements AutoCloseable {

    public static final String ACCESS_KEY = Base64.getEncoder().encodeToString("acs-stand-in-access-key-32-bytes".getBytes(StandardCharsets.UTF_8));

    /** A request the stand-in took, its path (with the action) and JSON body. */
    public record Request(String action, JsonNode body) {
    }

    private final StubService http = StubService.start().guardedBy(AcsStandIn::signedWithTheAccessKey);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> transports = new LinkedBlockingQueue<>();
    /** What signs the media WebSockets this ACS opens. */
    private final AcsIdentityStandIn identity = AcsIdentityStandIn.start();
    /** The stand-in resource's id: the audience of its WebSocket tokens. */
    public static final String RESOURCE_ID = "5c1a9f02-acs0-4e11-9b7d-standin000001";

    private AcsStandIn() {
        http.answer("POST", "/calling/", this::callConnection);
    }

    public static AcsStandIn start() {
        return new AcsStandIn();
    }

    /** The OpenID configuration of the identity that signs this ACS's WebSocket tokens. */
    public java.net.URI openIdConfiguration() {
        return identity.configuration();
    }

    /** The {@code Authorization} header ACS sends when it opens a media WebSocket: a day-long token for {@link #RESOURCE_ID}. */
    public String authorization() {
        return identity.token(RESOURCE_ID, java.time.Instant.now().plusSeconds(86_400));
    }

    /** The same for another resource: what a stream opened by someone else's ACS resource carries. */
    public String authorizationForAnotherResource() {
        return identity.token("another-acs-resource", java.time.Instant.now().plusSeconds(86_400));
    }

    /** The connection string a service is configured with to call this stand-in. */
    public String connectionString() {
        return "endpoint=" + http.url() + "/;accesskey=" + ACCESS_KEY;
    }

    /** Answers the next request with {@code status} (429 comes with {@code Retry-After: 1}). */
    public AcsStandIn failingNext(int status) {
        StubService.Answer failure = error(status, status == 429 ? "TooManyRequests" : "InternalServerError", "stand-in failure");
        http.failingNext(status == 429 ? failure.withHeader("Retry-After", "1") : failure);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The transport URL of the next answered call; fails after 60 s. */
    public String nextTransportUrl() throws InterruptedException {
        String url = transports.poll(60, TimeUnit.SECONDS);
        if (url == null) {
            throw new AssertionError("no call was answered within 60 s");
        }
        return url;
    }

    /**
     * ACS's HMAC authentication: the signature over method, path and query, date, host and the
     * body's SHA-256, and that hash matching the body; 401 with ACS's error body otherwise.
     */
    private static Optional<StubService.Answer> signedWithTheAccessKey(StubService.Request request) {
        String date = request.header("x-ms-date");
        String hash = request.header("x-ms-content-sha256");
        String expected = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + AcsCallAutomation.sign(
                Base64.getDecoder().decode(ACCESS_KEY), "POST\n" + request.path() + "?" + request.query() + "\n" + date + ";"
                        + request.header("Host") + ";" + hash);
        boolean hashMatches = Base64.getEncoder().encodeToString(AcsCallAutomation.sha256(request.body().getBytes(StandardCharsets.UTF_8)))
                .equals(hash);
        return expected.equals(request.authorization()) && hashMatches ? Optional.empty()
                : Optional.of(error(401, "Denied", "Denied by the resource provider."));
    }

    private StubService.Answer callConnection(StubService.Request request) {
        if (request.query() == null || !request.query().startsWith("api-version=")) {
            return error(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(request.body());
        } catch (IOException e) {
            return error(400, "BadRequest", "The request body is not JSON.");
        }
        String action = request.path().substring(request.path().lastIndexOf(':') + 1);
        requests.add(new Request(action, json));
        if (action.equals("answer")) {
            transports.add(json.path("mediaStreamingOptions").path("transportUrl").asText());
            return StubService.json(200, "{\"callConnectionId\":\"stand-in-" + requests.size() + "\",\"callConnectionState\":\"connecting\"}");
        }
        return StubService.json(204, "");
    }

    private static StubService.Answer error(int status, String code, String message) {
        return StubService.json(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    @Override
    public void close() {
        http.close();
        identity.close();
    }
}
