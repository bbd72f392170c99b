package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client for the call WebSocket: sends frames, and waits (bounded) for frames and the close code. */
final class CallClient {

    /** The {@code type} under which a binary frame is queued ({@code {"type":"binary","bytes":n}}). */
    static final String BINARY = "binary";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;
    private final CompletableFuture<Integer> close;

    private CallClient(WebSocket socket, BlockingQueue<JsonNode> received, CompletableFuture<Integer> close) {
        this.socket = socket;
        this.received = received;
        this.close = close;
    }

    static CallClient connect(String baseUrl, String token) throws Exception {
        StringBuilder partial = new StringBuilder();
        int[] binary = {0};
        CompletableFuture<Integer> close = new CompletableFuture<>();
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(baseUrl.replace("http", "ws") + RealtimeProcessorModule.CALL_PATH), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(Json.mapper().readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        binary[0] += data.remaining();
                        if (last) {
                            // Kept in the one queue, so a test sees audio in order with the text frames.
                            received.add(Json.mapper().createObjectNode().put("type", BINARY).put("bytes", binary[0]));
                            binary[0] = 0;
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        close.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        close.complete(-1);
                    }
                }).get(30, TimeUnit.SECONDS);
        return new CallClient(socket, received, close);
    }

    /** The HTTP status with which the upgrade was refused. */
    static int refusedStatus(String baseUrl, String token) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            builder.buildAsync(URI.create(baseUrl.replace("http", "ws") + RealtimeProcessorModule.CALL_PATH), new WebSocket.Listener() { })
                    .get(30, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    CallClient send(Map<String, ?> frame) throws Exception {
        socket.sendText(Json.mapper().writeValueAsString(frame), true).get(30, TimeUnit.SECONDS);
        return this;
    }

    CallClient sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(30, TimeUnit.SECONDS);
        return this;
    }

    CallClient sendAudio(int bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(new byte[bytes]), true).get(30, TimeUnit.SECONDS);
        return this;
    }

    CallClient sendAudio(byte[] audio) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(audio), true).get(30, TimeUnit.SECONDS);
        return this;
    }

    /** Sends audio in frames of {@code frameBytes}, as a gateway streams it. */
    CallClient stream(byte[] audio, int frameBytes) throws Exception {
        for (int offset = 0; offset < audio.length; offset += frameBytes) {
            sendAudio(java.util.Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + frameBytes)));
        }
        return this;
    }

    /** The next frame of {@code type}, after skipping frames of other types; fails after 30 s without one. */
    JsonNode next(String type) throws InterruptedException {
        JsonNode frame = next();
        while (!frame.path("type").asText().equals(type)) {
            frame = next();
        }
        return frame;
    }

    /** The next frame, waiting at most 30 s. */
    JsonNode next() throws InterruptedException {
        JsonNode frame = received.poll(30, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 30 s");
        }
        return frame;
    }

    int closeCode() throws Exception {
        return close.get(30, TimeUnit.SECONDS);
    }

    boolean closed() {
        return close.isDone();
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
