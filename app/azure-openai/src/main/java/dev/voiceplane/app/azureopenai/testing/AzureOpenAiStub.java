package dev.voiceplane.app.azureopenai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local stand-in for the Azure OpenAI chat-completions API on a loopback port, for the services'
 * tests (no cloud is reachable from a build). It checks the {@code api-key} header like Azure does
 * (401 otherwise), records every request body, and answers with what {@code answer} returns for the
 * request, or with a chosen status. A request with {@code "stream": true} is answered as Azure
 * streams (server-sent events: first a chunk with no choices but the prompt's content-filter
 * results, then one chunk per word in {@code choices[0].delta.content}, one with
 * {@code finish_reason: "stop"}, and {@code data: [DONE]}), after {@link #latency} if one is set.
 * Requests are served concurrently, as a load benchmark's many calls need.
 */
public final class AzureOpenAiStub implements AutoCloseable {

    private final HttpServer server;
    private final String apiKey;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answer = request -> "stub answer";
    private volatile int status = 200;
    private volatile long firstTokenNanos;
    private volatile long perTokenNanos;
    private volatile boolean cutShort;

    private AzureOpenAiStub(HttpServer server, String apiKey) {
        this.server = server;
        this.apiKey = apiKey;
    }

    public static AzureOpenAiStub start(String apiKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AzureOpenAiStub stub = new AzureOpenAiStub(server, apiKey);
            server.createContext("/openai/deployments/", stub::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "azure-openai-stub");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to put in {@code AZURE_OPENAI_ENDPOINT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The environment that points a service at this stub with the key it accepts. */
    public Map<String, String> environment() {
        return Map.of(Env.AZURE_OPENAI_ENDPOINT, endpoint(), Env.AZURE_OPENAI_KEY, apiKey);
    }

    /** What the assistant answers, computed from the request body. */
    public AzureOpenAiStub answering(Function<JsonNode, String> value) {
        this.answer = value;
        this.status = 200;
        return this;
    }

    /** Answers every request with {@code value} and an Azure-style error body. */
    public AzureOpenAiStub failingWith(int value) {
        this.status = value;
        return this;
    }

    /**
     * Streams as a model that takes {@code firstTokenMillis} to its first token and
     * {@code perTokenMillis} for each one after it (the whole answer waits for all of them when not
     * streamed).
     */
    public AzureOpenAiStub latency(int firstTokenMillis, int perTokenMillis) {
        this.firstTokenNanos = firstTokenMillis * 1_000_000L;
        this.perTokenNanos = perTokenMillis * 1_000_000L;
        return this;
    }

    /** Streams end without {@code [DONE]} (a connection Azure dropped mid-answer), or again with it. */
    public AzureOpenAiStub cuttingStreamsShort(boolean value) {
        this.cutShort = value;
        return this;
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody());
            if (!exchange.getRequestURI().getPath().endsWith("/chat/completions")
                    || !exchange.getRequestURI().getQuery().startsWith("api-version=")) {
                respond(exchange, 404, Map.of("error", Map.of("code", "404", "message", "Resource not found")));
                return;
            }
            if (!apiKey.equals(exchange.getRequestHeaders().getFirst("api-key"))) {
                respond(exchange, 401, Map.of("error", Map.of("code", "401", "message", "Access denied due to invalid subscription key")));
                return;
            }
            requests.add(body);
            if (status != 200) {
                respond(exchange, status, Map.of("error", Map.of("code", Integer.toString(status), "message", "stub failure")));
                return;
            }
            String content = answer.apply(body);
            if (body.path("stream").asBoolean(false)) {
                stream(exchange, content);
                return;
            }
            pause(firstTokenNanos + perTokenNanos * Math.max(0, words(content).size() - 1));
            respond(exchange, 200, Map.of(
                    "id", "chatcmpl-stub",
                    "object", "chat.completion",
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", content)))));
        }
    }

    private void stream(HttpExchange exchange, String content) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, Map.of("id", "", "object", "", "choices", List.of(),
                "prompt_filter_results", List.of(Map.of("prompt_index", 0, "content_filter_results", Map.of()))));
        long due = System.nanoTime() + firstTokenNanos;
        for (String word : words(content)) {
            pause(due - System.nanoTime());
            due += perTokenNanos;
            event(out, Map.of("id", "chatcmpl-stub", "object", "chat.completion.chunk",
                    "choices", List.of(Map.of("index", 0, "delta", Map.of("content", word)))));
        }
        if (!cutShort) {
            event(out, Map.of("id", "chatcmpl-stub", "object", "chat.completion.chunk",
                    "choices", List.of(Map.of("index", 0, "delta", Map.of(), "finish_reason", "stop"))));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.close();
    }

    private static void event(OutputStream out, Object chunk) throws IOException {
        out.write(("data: " + Json.mapper().writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The answer cut as a model's tokens roughly are: each word with the space before it. */
    private static List<String> words(String content) {
        return List.of(content.split("(?=\\s)"));
    }

    private static void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        while (nanos > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(nanos);
            nanos = until - System.nanoTime();
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
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
