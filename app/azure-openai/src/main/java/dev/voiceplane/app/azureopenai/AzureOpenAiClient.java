package dev.voiceplane.app.azureopenai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.cloud.RequestCredential;
import dev.voiceplane.app.core.cloud.WorkloadIdentityToken;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.catalog.Env;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Calls the Azure OpenAI chat-completions REST API
 * (https://learn.microsoft.com/azure/ai-services/openai/reference#chat-completions) with the JDK
 * HTTP client: {@code POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=...}
 * with the key in the {@code api-key} header, or, without a key, a Microsoft Entra token of the pod's
 * workload identity in {@code Authorization: Bearer}. Neither is ever logged or put in an exception message.
 *
 * <p>{@code AZURE_OPENAI_ENDPOINT} is either the resource's base URL
 * ({@code https://<resource>.openai.azure.com}, deployment {@value #DEFAULT_DEPLOYMENT}, API version
 * {@value #DEFAULT_API_VERSION}) or a full deployment URL
 * ({@code .../openai/deployments/<name>[/chat/completions][?api-version=...]}), which is how a
 * deployment other than the default is chosen without another variable.
 */
public final class AzureOpenAiClient {

    public static final String DEFAULT_DEPLOYMENT = "gpt-4o-mini";
    public static final String DEFAULT_API_VERSION = "2024-06-01";
    /** The name a service's budget for this API goes by: {@code context.budget(AzureOpenAiClient.CALL, timeout)}. */
    public static final String CALL = "azure-openai";

    private final URI completionsUrl;
    private final RequestCredential credential;
    private final Duration timeout;
    private final HttpClient http;

    AzureOpenAiClient(URI completionsUrl, String apiKey, Duration timeout) {
        this(completionsUrl, RequestCredential.header("api-key", apiKey), timeout);
    }

    AzureOpenAiClient(URI completionsUrl, RequestCredential credential, Duration timeout) {
        this.completionsUrl = completionsUrl;
        this.credential = credential;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * The client configured by {@code AZURE_OPENAI_ENDPOINT} and {@code AZURE_OPENAI_KEY}; empty when
     * no endpoint is set (the service then uses its offline provider). An endpoint without a key
     * fails the start, naming the missing variable.
     */
    public static Optional<AzureOpenAiClient> fromConfig(ServiceConfig config, Duration timeout) {
        Optional<String> endpoint = config.optional(Env.AZURE_OPENAI_ENDPOINT);
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> key = config.optional(Env.AZURE_OPENAI_KEY);
        if (key.isPresent()) {
            return Optional.of(new AzureOpenAiClient(completionsUrl(endpoint.get()), key.get(), timeout));
        }
        // No key: a Microsoft Entra token of the pod's workload identity, in Authorization: Bearer
        // (https://learn.microsoft.com/azure/ai-services/openai/reference#authentication).
        RequestCredential entra = WorkloadIdentityToken.fromConfig(config, WorkloadIdentityToken.COGNITIVE_SERVICES, timeout)
                .map(RequestCredential::bearer).orElseThrow(() -> new ConfigException(
                "service '" + config.serviceName() + "': " + Env.AZURE_OPENAI_ENDPOINT + " is set but neither " + Env.AZURE_OPENAI_KEY
                        + " nor a workload identity is; set one to use Azure OpenAI, or unset the endpoint for the offline provider"));
        return Optional.of(new AzureOpenAiClient(completionsUrl(endpoint.get()), entra, timeout));
    }

    /** The chat-completions URL for an endpoint given either way (see the class comment). */
    static URI completionsUrl(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("environment variable " + Env.AZURE_OPENAI_ENDPOINT + " is not a URL");
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new ConfigException("environment variable " + Env.AZURE_OPENAI_ENDPOINT
                    + " must be an http(s) URL such as https://<resource>.openai.azure.com");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (!path.contains("/openai/deployments/")) {
            path = path + "/openai/deployments/" + DEFAULT_DEPLOYMENT;
        }
        if (!path.endsWith("/chat/completions")) {
            path = path + "/chat/completions";
        }
        String query = uri.getQuery() != null && uri.getQuery().contains("api-version=") ? uri.getQuery() : "api-version=" + DEFAULT_API_VERSION;
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        return URI.create(uri.getScheme() + "://" + uri.getHost() + port + path + "?" + query);
    }

    public URI completionsUrl() {
        return completionsUrl;
    }

    /** The assistant's answer to {@code messages}; throws {@link AzureOpenAiException} on any failure. */
    public String complete(List<ChatMessage> messages, int maxTokens, double temperature) {
        HttpResponse<String> response = send(request(messages, maxTokens, temperature, false), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AzureOpenAiException("Azure OpenAI answered " + response.statusCode() + errorMessage(response.body()), null);
        }
        try {
            JsonNode content = Json.mapper().readTree(response.body()).path("choices").path(0).path("message").path("content");
            if (!content.isTextual() || content.asText().isBlank()) {
                throw new AzureOpenAiException("Azure OpenAI answered without choices[0].message.content", null);
            }
            return content.asText().trim();
        } catch (IOException e) {
            throw new AzureOpenAiException("Azure OpenAI answered a body that is not JSON", e);
        }
    }

    /**
     * The assistant's answer to {@code messages}, streamed: each piece of text is given to
     * {@code delta} as Azure sends it ({@code stream: true}: server-sent events, one {@code data:}
     * line per chunk with the text in {@code choices[0].delta.content}, the last {@code data: [DONE]};
     * https://learn.microsoft.com/azure/ai-services/openai/reference#chat-completions). Chunks without
     * choices (the content-filter results Azure sends first) are skipped. Returns the whole answer;
     * throws {@link AzureOpenAiException} on any failure, including a stream that ends before
     * {@code [DONE]}. An exception thrown by {@code delta} stops the stream and closes the connection
     * (the listener went away), and is rethrown.
     */
    public String stream(List<ChatMessage> messages, int maxTokens, double temperature, Consumer<String> delta) {
        HttpResponse<Stream<String>> response = send(request(messages, maxTokens, temperature, true), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new AzureOpenAiException("Azure OpenAI answered " + response.statusCode()
                        + errorMessage(lines.collect(Collectors.joining("\n"))), null);
            }
            StringBuilder answer = new StringBuilder();
            Iterator<String> events = lines.iterator();
            while (events.hasNext()) {
                String line = events.next();
                if (!line.startsWith("data:")) {
                    continue; // blank separators, comments, event names
                }
                String data = line.substring("data:".length()).trim();
                if (data.equals("[DONE]")) {
                    return answer.toString().trim();
                }
                JsonNode content = Json.mapper().readTree(data).path("choices").path(0).path("delta").path("content");
                if (content.isTextual() && !content.asText().isEmpty()) {
                    answer.append(content.asText());
                    delta.accept(content.asText());
                }
            }
            throw new AzureOpenAiException("Azure OpenAI's stream ended before [DONE] after " + answer.length() + " characters", null);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AzureOpenAiException("Azure OpenAI's stream from " + completionsUrl.getHost() + " failed: " + e, e);
        }
    }

    /** The chat-completions request; the one place the credential goes on it. */
    private HttpRequest request(List<ChatMessage> messages, int maxTokens, double temperature, boolean stream) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", messages);
        body.put("max_tokens", maxTokens);
        body.put("temperature", temperature);
        if (stream) {
            body.put("stream", true);
        }
        try {
            return HttpRequest.newBuilder(completionsUrl)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .headers(credential.headers())
                    .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body)))
                    .build();
        } catch (IOException e) {
            throw new AzureOpenAiException("cannot serialise the chat-completions request", e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new AzureOpenAiException("Azure OpenAI at " + completionsUrl.getHost() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AzureOpenAiException("Azure OpenAI call was interrupted", e);
        }
    }

    /** Azure's own error message ({@code error.message}), which says what was wrong without echoing the key. */
    private static String errorMessage(String body) {
        try {
            String message = Json.mapper().readTree(body).path("error").path("message").asText("");
            return message.isEmpty() ? "" : ": " + (message.length() > 200 ? message.substring(0, 200) + "..." : message);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
