package dev.voiceplane.app.realtimeprocessor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WebSocket client of text messages, the provider side of a media stream: whole messages go to
 * a consumer, the close code to a future, and sends wait (bounded) for the one before.
 */
final class TextSocket {

    static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private final WebSocket socket;
    private final CompletableFuture<Integer> closed;

    private TextSocket(WebSocket socket, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.closed = closed;
    }

    /** Opens {@code url} with {@code headers}; {@code onMessage} gets each whole text message on the client's thread. */
    static TextSocket open(String url, Map<String, String> headers, CompletableFuture<Consumer<String>> onMessage) throws Exception {
        WholeMessages messages = new WholeMessages(text -> onMessage.join().accept(text), null);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder();
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(URI.create(url), messages).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new TextSocket(socket, messages.closed);
    }

    /** Sends one message; a socket the server closed drops it (its close code says why). */
    synchronized void send(String message) {
        try {
            socket.sendText(message, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            // closed by the server
        }
    }

    /**
     * The next message in {@code messages} whose {@code field} is {@code value}, skipping the others
     * (a provider's protocol interleaves marks, audio and events); fails after {@link #WAIT}.
     */
    static JsonNode next(BlockingQueue<JsonNode> messages, String field, String value) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no '" + value + "' message from the service within " + WAIT.toSeconds() + " s");
            }
            if (message.path(field).asText().equals(value)) {
                return message;
            }
        }
    }

    int closeCode() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void close(String reason) {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, reason);
    }
}
