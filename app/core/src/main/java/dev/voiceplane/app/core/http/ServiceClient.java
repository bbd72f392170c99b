package dev.voiceplane.app.core.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Calls another service of the same system over HTTP with JSON. Each call carries a short-lived
 * service token (role {@code service}, subject the caller's name), the correlation id and the W3C
 * trace context, and is bounded by a timeout so a slow dependency cannot hold a request thread.
 */
public final class ServiceClient {

    private static final Duration TOKEN_TTL = Duration.ofMinutes(10);

    private final URI baseUrl;
    private final AccessTokens tokens;
    private final String caller;
    private final OpenTelemetry telemetry;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    private volatile CachedToken token;

    public ServiceClient(URI baseUrl, AccessTokens tokens, String caller, OpenTelemetry telemetry, Duration timeout, Clock clock) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.caller = caller;
        this.telemetry = telemetry;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Opens the connection and loads the HTTP client's code in the background by asking the
     * callee's liveness probe, so the first real call is not the one that pays for it (a cold JDK
     * HTTP client takes hundreds of milliseconds on its first request). Failures are ignored.
     */
    public void warmUp(String livenessPath) {
        http.sendAsync(HttpRequest.newBuilder(baseUrl.resolve(livenessPath)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** GETs {@code path}; empty on 404, the body as {@code type} on 2xx, otherwise {@link ServiceCallException}. */
    public <T> Optional<T> get(String path, Class<T> type) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(parse(response, type));
    }

    /** POSTs {@code body} as JSON; the response body as {@code type} on 2xx. */
    public <T> T post(String path, Object body, Class<T> type) {
        try {
            String json = Json.mapper().writeValueAsString(body);
            return parse(send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request to " + path, e);
        }
    }

    /**
     * POSTs {@code body} as JSON and gives each line of a streamed answer (newline-delimited JSON) to
     * {@code line} as it arrives; {@link ServiceCallException} when the callee answers other than 2xx
     * or the stream breaks. The timeout bounds the wait for the answer to begin, not its length. An
     * exception thrown by {@code line} closes the connection (the callee sees its client go) and is rethrown.
     */
    public void postStreaming(String path, Object body, java.util.function.Consumer<String> line) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request to " + path, e);
        }
        HttpRequest built = request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new ServiceCallException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException(built.method() + " " + built.uri() + " was interrupted", e);
        }
        try (java.util.stream.Stream<String> lines = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new ServiceCallException(built.method() + " " + response.uri() + " answered " + response.statusCode(), null,
                        response.statusCode());
            }
            lines.filter(text -> !text.isBlank()).forEachOrdered(line);
        } catch (java.io.UncheckedIOException e) {
            throw new ServiceCallException(built.method() + " " + built.uri() + " broke off: " + e.getCause(), e);
        }
    }

    /** DELETEs {@code path}; the response body as {@code type} on 2xx. */
    public <T> T delete(String path, Class<T> type) {
        return parse(send(request(path).DELETE()), type);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + serviceToken());
        String correlationId = CorrelationId.current();
        if (!correlationId.isEmpty()) {
            builder.header(CorrelationId.HEADER, correlationId);
        }
        telemetry.getPropagators().getTextMapPropagator().inject(Context.current(), builder, HttpRequest.Builder::header);
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceCallException(built.method() + " " + built.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceCallException(built.method() + " " + built.uri() + " was interrupted", e);
        }
    }

    private <T> T parse(HttpResponse<String> response, Class<T> type) {
        if (response.statusCode() / 100 != 2) {
            throw new ServiceCallException(response.request().method() + " " + response.uri() + " answered " + response.statusCode(), null,
                    response.statusCode());
        }
        try {
            // Tolerant reader: a callee may add fields to its answers without breaking its callers.
            return Json.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(response.body());
        } catch (IOException e) {
            throw new ServiceCallException(response.uri() + " answered a body that is not a " + type.getSimpleName(), e);
        }
    }

    private String serviceToken() {
        CachedToken current = token;
        Instant now = clock.instant();
        if (current == null || now.isAfter(current.renewAfter())) {
            String value = tokens.issue(new Principal(caller, Set.of(Role.SERVICE), ""), TOKEN_TTL);
            current = new CachedToken(value, now.plus(TOKEN_TTL.dividedBy(2)));
            token = current;
        }
        return current.value();
    }

    private record CachedToken(String value, Instant renewAfter) {
    }

    /** The other service could not be reached or answered with an error. */
    public static final class ServiceCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** No answer at all: the call did not reach the service or timed out. */
        public static final int NO_ANSWER = 0;

        private final int status;

        public ServiceCallException(String message, Throwable cause) {
            this(message, cause, NO_ANSWER);
        }

        public ServiceCallException(String message, Throwable cause, int status) {
            super(message, cause);
            this.status = status;
        }

        /** The HTTP status the callee answered, or {@link #NO_ANSWER}. */
        public int status() {
            return status;
        }

        /**
         * Whether sending the same request again can never succeed: the callee refused it as
         * wrong (4xx), not as "not now" (408 timeout, 425, 429 rate limit) nor failed itself (5xx,
         * no answer). A permanent failure goes to a dead-letter instead of being retried forever.
         */
        public boolean permanent() {
            return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
        }
    }
}
