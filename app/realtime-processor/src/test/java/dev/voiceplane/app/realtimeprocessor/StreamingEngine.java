package dev.voiceplane.app.realtimeprocessor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voiceplane.app.core.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The services a call goes through, with a conversation-engine that streams its turns as the real
 * one does ({@code /turns/stream}: a {@code delta} line per word, then the turn). The reply to words
 * ending in "w" is "Reply to w. Thank you." (so a test knows which words a reply answers whatever
 * order requests arrive in); the words after its first sentence wait for {@link #release}
 * while the stand-in is {@link #holding}, so a test can see the first sentence spoken before the
 * reply is complete without timing anything.
 */
final class StreamingEngine implements AutoCloseable {

    private final HttpServer server;
    private final List<String> turns = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private StreamingEngine(HttpServer server) {
        this.server = server;
    }

    static StreamingEngine start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StreamingEngine engine = new StreamingEngine(server);
            server.createContext("/", engine::handle);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "streaming-engine");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The caller words of every turn asked for, in order. */
    List<String> turns() {
        return List.copyOf(turns);
    }

    /** From now on, replies stop after their first sentence until {@link #release}. */
    void holding() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    void reset() {
        turns.clear();
        release();
    }

    static String reply(String words) {
        String[] all = words.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z ]", "").trim().split(" ");
        return "Reply to " + all[all.length - 1] + ". Thank you.";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/turns/stream")) {
                stream(exchange);
            } else if (path.equals("/api/decisions")) {
                exchange.getRequestBody().readAllBytes();
                json(exchange, 200, Map.of("action", "AI_ANSWER", "reason", "unknown-caller", "degraded", false));
            } else if (path.endsWith("/end")) {
                json(exchange, 200, Map.of("state", "ENDED"));
            } else {
                json(exchange, 201, Map.of("state", "ACTIVE"));
            }
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        String text = Json.mapper().readTree(exchange.getRequestBody()).path("text").asText();
        turns.add(text);
        int n = turns.size();
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String[] words = reply(text).split("(?=\\s)");
        try {
            for (int i = 0; i < words.length; i++) {
                if (i == 3) { // after "Reply to w."
                    gate.await(60, TimeUnit.SECONDS);
                }
                line(out, Map.of("delta", words[i]));
            }
            line(out, Map.of("seq", n, "intent", "MESSAGE", "reply", reply(text), "endCall", false));
            out.close();
        } catch (IOException | InterruptedException e) {
            // the reply was abandoned: realtime-processor closed the stream
        }
    }

    private static void line(OutputStream out, Object value) throws IOException {
        out.write(Json.mapper().writeValueAsBytes(value));
        out.write('\n');
        out.flush();
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
