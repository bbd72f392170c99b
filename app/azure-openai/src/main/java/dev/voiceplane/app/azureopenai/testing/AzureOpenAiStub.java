package dev.voiceplane.app.azureopenai.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.app.testkit.StubService;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private final StubService http;
    private final String apiKey;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answer = request -> "stub answer";
    private volatile int status = 200;
    private volatile long firstTokenNanos;
    private volatile long perTokenNanos;
    private volatile boolean cutShort;

    private AzureOpenAiStub(String apiKey) {
        this.apiKey = apiKey;
        this.http = StubService.start().guardedBy(this::withTheApiKey).answer("POST", "/openai/deployments/", this::chatCompletion);
    }

    public static AzureOpenAiStub start(String apiKey) {
        return new AzureOpenAiStub(apiKey);
    }

    /** The base URL to put in {@code AZURE_OPENAI_ENDPOINT}. */
    public String endpoint() {
        return http.url();
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

    /** Azure's key authentication: the {@code api-key} header, 401 with Azure's error body otherwise. */
    private Optional<StubService.Answer> withTheApiKey(StubService.Request request) {
        return apiKey.equals(request.header("api-key")) ? Optional.empty()
                : Optional.of(error(401, "Access denied due to invalid subscription key"));
    }

    private StubService.Answer chatCompletion(StubService.Request request) {
        JsonNode body;
        try {
            body = Json.mapper().readTree(request.body());
        } catch (IOException e) {
            return error(400, "the request body is not JSON");
        }
        if (!request.path().endsWith("/chat/completions") || request.query() == null || !request.query().startsWith("api-version=")) {
            return error(404, "Resource not found");
        }
        requests.add(body);
        if (status != 200) {
            return error(status, "stub failure");
        }
        String content = answer.apply(body);
        if (body.path("stream").asBoolean(false)) {
            return StubService.streamed("text/event-stream", out -> stream(out, content));
        }
        pause(firstTokenNanos + perTokenNanos * Math.max(0, words(content).size() - 1));
        return json(200, Map.of(
                "id", "chatcmpl-stub",
                "object", "chat.completion",
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content)))));
    }

    private void stream(StubService.Chunks out, String content) throws IOException {
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
            out.send("data: [DONE]\n\n");
        }
    }

    private static void event(StubService.Chunks out, Object chunk) throws IOException {
        out.send("data: " + Json.mapper().writeValueAsString(chunk) + "\n\n");
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

    private static StubService.Answer error(int status, String message) {
        return json(status, Map.of("error", Map.of("code", Integer.toString(status), "message", message)));
    }

    private static StubService.Answer json(int status, Object body) {
        try {
            return StubService.json(status, Json.mapper().writeValueAsString(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
