package dev.voiceplane.app.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A call on realtime-processor's WebSocket ({@code /ws/calls}) as a telephony gateway or a browser
 * places it: text frames out, frames in, each wait bounded at 60 s only against a hang.
 */
final class CallSocket implements AutoCloseable {

    static final String PATH = "/ws/calls";
    private static final long WAIT_SECONDS = 60;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;

    private CallSocket(WebSocket socket, BlockingQueue<JsonNode> received) {
        this.socket = socket;
        this.received = received;
    }

    static CallSocket open(String baseUrl, String token) throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(baseUrl.replace("http", "ws") + PATH), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(Json.mapper().readTree(partial.toString()));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException("not JSON: " + partial, e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        received.add(Json.mapper().createObjectNode().put("type", "closed").put("code", statusCode));
                        return null;
                    }
                }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return new CallSocket(socket, received);
    }

    /** The HTTP status an upgrade with {@code token} is refused with, or 101 when it is taken (and then closed). */
    static int upgradeStatus(String baseUrl, String token) throws Exception {
        try {
            HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(baseUrl.replace("http", "ws") + PATH), new WebSocket.Listener() { })
                    .get(WAIT_SECONDS, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Sends a frame and returns the next frame of {@code type} (or an {@code error} frame, whichever comes first). */
    JsonNode send(Map<String, ?> frame, String type) throws Exception {
        socket.sendText(Json.mapper().writeValueAsString(frame), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return next(type);
    }

    JsonNode next(String type) throws InterruptedException {
        while (true) {
            JsonNode frame = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no '" + type + "' frame within " + WAIT_SECONDS + " s");
            }
            String got = frame.path("type").asText();
            if (got.equals(type) || got.equals("error") || got.equals("closed")) {
                return frame;
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** A started call's frames as the suite reports them: type, action or text, and the flags callers act on. */
    static String describe(JsonNode frame) {
        return switch (frame.path("type").asText()) {
            case "decision" -> "decision " + frame.path("action").asText() + (frame.path("degraded").asBoolean() ? " (degraded)" : "");
            case "reply" -> "reply '" + frame.path("text").asText() + "'" + (frame.path("degraded").asBoolean() ? " (degraded)" : "");
            case "ended" -> "ended, analysed " + frame.path("analysed").asBoolean();
            case "error" -> "error " + frame.path("code").asText() + ": " + frame.path("message").asText();
            default -> frame.toString();
        };
    }
}
