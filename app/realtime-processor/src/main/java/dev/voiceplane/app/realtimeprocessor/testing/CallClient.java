package dev.voiceplane.app.realtimeprocessor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.realtimeprocessor.RealtimeProcessorModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of the call WebSocket ({@value RealtimeProcessorModule#CALL_PATH}) as a telephony gateway
 * or an app speaks to it, for realtime-processor's tests and devstack's benchmarks: sends frames and
 * audio, and waits (at most {@value #WAIT_SECONDS} s, so a broken server fails a run instead of
 * hanging it) for frames and the close code. Frames arrive in one queue in order; reply audio is
 * queued among them as {@code {"type":"binary","bytes":n}}.
 */
public final class CallClient {

    /** The {@code type} under which a binary frame is queued ({@code {"type":"binary","bytes":n}}). */
    public static final String BINARY = "binary";
    static final int WAIT_SECONDS = 30;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> received;
    private final WholeMessages messages;

    private CallClient(WebSocket socket, BlockingQueue<JsonNode> received, WholeMessages messages) {
        this.socket = socket;
        this.received = received;
        this.messages = messages;
    }

    /** Opens a call socket on the service at {@code baseUrl} ({@code http://host:port}) with {@code token}. */
    public static CallClient connect(String baseUrl, String token) throws Exception {
        BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        WholeMessages messages = new WholeMessages(text -> received.add(frame(text)),
                // Kept in the one queue, so that a test sees audio in order with the text frames.
                bytes -> received.add(Json.mapper().createObjectNode().put("type", BINARY).put("bytes", bytes)));
        WebSocket socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(callUri(baseUrl), messages).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return new CallClient(socket, received, messages);
    }

    /** The HTTP status with which the upgrade was refused (101 when it was not); {@code token} null sends none. */
    public static int refusedStatus(String baseUrl, String token) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            builder.buildAsync(callUri(baseUrl), new WebSocket.Listener() { }).get(WAIT_SECONDS, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static URI callUri(String baseUrl) {
        return URI.create(baseUrl.replace("http", "ws") + RealtimeProcessorModule.CALL_PATH);
    }

    private static JsonNode frame(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("realtime-processor sent a frame that is not JSON", e);
        }
    }

    public CallClient send(Map<String, ?> frame) throws Exception {
        return sendRaw(Json.mapper().writeValueAsString(frame));
    }

    public CallClient sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** One binary frame of {@code bytes} zero bytes (silence in PCM). */
    public CallClient sendAudio(int bytes) throws Exception {
        return sendAudio(new byte[bytes]);
    }

    public CallClient sendAudio(byte[] audio) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(audio), true).get(WAIT_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    /** Sends audio in frames of {@code frameBytes}, as a gateway streams it (without waiting between them). */
    public CallClient stream(byte[] audio, int frameBytes) throws Exception {
        for (int offset = 0; offset < audio.length; offset += frameBytes) {
            sendAudio(Arrays.copyOfRange(audio, offset, Math.min(audio.length, offset + frameBytes)));
        }
        return this;
    }

    /** The next frame of {@code type}, after skipping frames of other types (error frames too). */
    public JsonNode next(String type) throws InterruptedException {
        return next(type, false);
    }

    /** The same, but an error frame on the way fails at once: a benchmark's call must not go wrong unnoticed. */
    public JsonNode expect(String type) throws InterruptedException {
        return next(type, true);
    }

    private JsonNode next(String type, boolean errorFails) throws InterruptedException {
        JsonNode frame = next();
        while (!frame.path("type").asText().equals(type)) {
            if (errorFails && frame.path("type").asText().equals("error")) {
                throw new IllegalStateException("realtime-processor answered an error while '" + type + "' was expected: " + frame);
            }
            frame = next();
        }
        return frame;
    }

    /** The next frame, of any type. */
    public JsonNode next() throws InterruptedException {
        JsonNode frame = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + WAIT_SECONDS + " s");
        }
        return frame;
    }

    /** The code the socket was closed with (-1: the connection failed). */
    public int closeCode() throws Exception {
        return messages.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public boolean closed() {
        return messages.closed.isDone();
    }

    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
