package dev.voiceplane.app.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * The services a phone call goes through, for the load benchmark: smart-whitelist puts every call
 * to the AI, conversation-analyzer acknowledges, and conversation-engine answers each turn with a
 * fixed reply as a model with {@link LatencyStandIns}' timing would write it: streamed
 * ({@code /turns/stream}, a line per token, the first after the time to first token) or whole
 * ({@code /turns}, after all the tokens). Tokens are the reply's words, as
 * {@code AzureOpenAiStub} cuts them. Bench only: it checks no token.
 */
final class DialogStandIn implements AutoCloseable {

    private final HttpServer server;
    private final List<String> tokens;
    private final String reply;
    private final LatencyStandIns timing;

    private DialogStandIn(HttpServer server, String reply, LatencyStandIns timing) {
        this.server = server;
        this.reply = reply;
        this.tokens = List.of(reply.split("(?=\\s)"));
        this.timing = timing;
    }

    static DialogStandIn start(String reply, LatencyStandIns timing) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            DialogStandIn standIn = new DialogStandIn(server, reply, timing);
            server.createContext("/", standIn::handle);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "dialog-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/api/decisions")) {
                json(exchange, 200, "{\"action\":\"AI_ANSWER\",\"reason\":\"unknown-caller\",\"degraded\":false}");
            } else if (path.equals("/api/conversations")) {
                json(exchange, 201, "{\"state\":\"ACTIVE\"}");
            } else if (path.equals("/api/analyses")) {
                json(exchange, 201, "{}");
            } else if (path.endsWith("/end")) {
                json(exchange, 200, "{\"state\":\"ENDED\"}");
            } else if (path.endsWith("/turns/stream")) {
                stream(exchange);
            } else if (path.endsWith("/turns")) {
                LatencyStandIns.pause(timing.firstTokenMs() + timing.perTokenMs() * (tokens.size() - 1), Duration.ofMinutes(1));
                json(exchange, 200, turn());
            } else {
                json(exchange, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long due = System.nanoTime() + timing.firstTokenMs() * 1_000_000L;
        try {
            for (String token : tokens) {
                LatencyStandIns.pause((int) Math.max(0, (due - System.nanoTime()) / 1_000_000), Duration.ofMinutes(1));
                due += timing.perTokenMs() * 1_000_000L;
                out.write(("{\"delta\":\"" + token + "\"}\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write((turn() + "\n").getBytes(StandardCharsets.UTF_8));
            out.close();
        } catch (IOException e) {
            // realtime-processor abandoned a reply it had started early: the caller's words changed
        }
    }

    private String turn() {
        return "{\"seq\":1,\"intent\":\"MESSAGE\",\"reply\":\"" + reply + "\",\"endCall\":false}";
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
