package dev.voiceplane.app.realtimeprocessor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.realtimeprocessor.telephony.AcsCallAutomation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> transports = new LinkedBlockingQueue<>();
    private final BlockingQueue<Integer> failures = new LinkedBlockingQueue<>();
    /** What signs the media WebSockets this ACS opens. */
    private final AcsIdentityStandIn identity = AcsIdentityStandIn.start();
    /** The stand-in resource's id: the audience of its WebSocket tokens. */
    public static final String RESOURCE_ID = "5c1a9f02-acs0-4e11-9b7d-standin000001";

    private AcsStandIn(HttpServer server) {
        this.server = server;
    }

    public static AcsStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AcsStandIn standIn = new AcsStandIn(server);
            server.createContext("/calling/", standIn::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "acs-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return "endpoint=http://127.0.0.1:" + server.getAddress().getPort() + "/;accesskey=" + ACCESS_KEY;
    }

    /** Answers the next request with {@code status} (429 comes with {@code Retry-After: 1}). */
    public AcsStandIn failingNext(int status) {
        failures.add(status);
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

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            String date = exchange.getRequestHeaders().getFirst("x-ms-date");
            String hash = exchange.getRequestHeaders().getFirst("x-ms-content-sha256");
            String host = exchange.getRequestHeaders().getFirst("Host");
            String expected = "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="
                    + AcsCallAutomation.sign(Base64.getDecoder().decode(ACCESS_KEY), "POST\n" + path + "?" + query + "\n" + date + ";" + host + ";" + hash);
            boolean hashMatches = Base64.getEncoder().encodeToString(AcsCallAutomation.sha256(body)).equals(hash);
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization")) || !hashMatches) {
                respond(exchange, 401, "{\"error\":{\"code\":\"Denied\",\"message\":\"Denied by the resource provider.\"}}");
                return;
            }
            if (query == null || !query.startsWith("api-version=")) {
                respond(exchange, 400, "{\"error\":{\"code\":\"MissingApiVersionParameter\",\"message\":\"The api-version query parameter is required.\"}}");
                return;
            }
            Integer failure = failures.poll();
            if (failure != null) {
                if (failure == 429) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                respond(exchange, failure, "{\"error\":{\"code\":\"" + (failure == 429 ? "TooManyRequests" : "InternalServerError")
                        + "\",\"message\":\"stand-in failure\"}}");
                return;
            }
            JsonNode json = Json.mapper().readTree(body);
            String action = path.substring(path.lastIndexOf(':') + 1);
            requests.add(new Request(action, json));
            if (action.equals("answer")) {
                transports.add(json.path("mediaStreamingOptions").path("transportUrl").asText());
                respond(exchange, 200, "{\"callConnectionId\":\"stand-in-" + requests.size() + "\",\"callConnectionState\":\"connecting\"}");
            } else {
                respond(exchange, 204, "");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        identity.close();
    }
}
