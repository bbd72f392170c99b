package dev.voiceplane.app.core.observability;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Request latency and error meters, recorded once per finished request:
 * <ul>
 *   <li>{@code http_server_requests_seconds} — histogram (buckets from 1 ms to 10 s) by method,
 *       route template, status and outcome; the P95 &gt; 800 ms alert reads its buckets;</li>
 *   <li>{@code http_server_errors_total} — requests answered 5xx, by route; the errors &gt; 5 %
 *       alert divides it by the request count.</li>
 * </ul>
 * The route label is the template ({@code /api/users/{userId}}), never the raw path, so label
 * cardinality stays bounded.
 */
public final class HttpMetrics {

    private final MeterRegistry registry;
    /** Meters by label set: a registry lookup builds and hashes an id each time, a map hit does not. */
    private final Map<Labels, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers {@code http_server_errors_total} at zero for every route, so the error-rate alert's
     * {@code rate()} sees the first 5xx of a route (see {@link CounterFamily}).
     */
    public void registerRoutes(java.util.Collection<Route> routes) {
        for (Route route : routes) {
            errors(route.method(), route.path());
        }
    }

    /** A route the service serves: its method and path template. */
    public record Route(String method, String path) {
    }

    private Counter errors(String method, String route) {
        return Counter.builder("http.server.errors").description("requests answered with a 5xx status")
                .tags("method", method, "route", route).register(registry);
    }

    public void record(Context ctx, float millis) {
        String route = route(ctx);
        int status = ctx.statusCode();
        String method = ctx.method().name();
        timers.computeIfAbsent(new Labels(method, route, status), labels -> Timer.builder("http.server.requests")
                        .description("HTTP request latency")
                        .tags("method", method, "route", route, "status", Integer.toString(status), "outcome", outcome(status))
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(10))
                        .register(registry))
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
        if (status >= 500) {
            errors(method, route).increment();
        }
    }

    /** The matched route template, or a fixed label for requests no route matched. */
    public static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() || "*".equals(path) ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private record Labels(String method, String route, int status) {
    }

    private static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        return "SUCCESS";
    }
}
