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
 * request, or with a chosen status.
 */
public final class AzureOpenAiStub implements AutoCloseable {

    private final HttpServer server;
    private final String apiKey;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answer = request -> "stub answer";
    private volatile int status = 200;

    private AzureOpenAiStub(HttpServer server, String apiKey) {
        this.server = server;
        this.apiKey = apiKey;
    }

    public static AzureOpenAiStub start(String apiKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AzureOpenAiStub stub = new AzureOpenAiStub(server, apiKey);
            server.createContext("/openai/deployments/", stub::handle);
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
            respond(exchange, 200, Map.of(
                    "id", "chatcmpl-stub",
                    "object", "chat.completion",
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", answer.apply(body))))));
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
