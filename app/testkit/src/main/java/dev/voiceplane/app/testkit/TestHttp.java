package dev.voiceplane.app.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for API tests: every call returns status, headers and the parsed body. */
public final class TestHttp {

    private final String baseUrl;
    /** Bounds only against a hang: a loaded machine must never fail a test by being slow. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public TestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public TestResponse get(String path, String token) {
        return send("GET", path, null, token);
    }

    public TestResponse post(String path, Object body, String token) {
        return send("POST", path, body, token);
    }

    public TestResponse put(String path, Object body, String token) {
        return send("PUT", path, body, token);
    }

    public TestResponse delete(String path, String token) {
        return send("DELETE", path, null, token);
    }

    /** Sends {@code body} as is when it is a String (to test malformed JSON), otherwise as JSON. */
    public TestResponse send(String method, String path, Object body, String token) {
        return sendWithHeaders(method, path, body, token, java.util.Map.of());
    }

    /** {@link #send} with extra request headers, e.g. a forged {@code X-Real-IP}. */
    public TestResponse sendWithHeaders(String method, String path, Object body, String token, java.util.Map<String, String> headers) {
        try {
            String json = body == null ? null : body instanceof String s ? s : Json.mapper().writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new TestResponse(response.statusCode(), response.body(), parse(response.body()), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.mapper().missingNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }
}
