package dev.voiceplane.app.core.http;

import dev.voiceplane.app.core.observability.LogSafe;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a JSON {@link ErrorBody}: Javalin's HTTP exceptions keep their status,
 * invalid input becomes 400 with its message, a store outage 503 with {@code Retry-After} (see
 * {@link StoreOutage}), anything else is a 500 whose details stay in the log. No message names a
 * Java class: those say how the service is built, which is nothing a client needs.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
    /** A qualified Java name ({@code java.lang.String}, {@code dev.voiceplane.x.Y$Z}), backquoted or not. */
    private static final Pattern JAVA_NAME = Pattern.compile("`?\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][A-Za-z0-9_$]*`?");

    private ErrorHandling() {
    }

    public static void install(Javalin app, MeterRegistry metrics) {
        Counter unexpected = Counter.builder("http_server_unhandled_exceptions")
                .description("requests that failed with an unexpected exception").register(metrics);
        Counter outages = Counter.builder("http_server_store_unavailable")
                .description("requests answered 503 because a store did not answer").register(metrics);
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e instanceof RetryLaterException later) {
                ctx.header("Retry-After", Long.toString(later.retryAfterSeconds()));
            }
            if (e instanceof BodyLimit.PayloadTooLarge) {
                ctx.header("Connection", "close"); // do not read the rest of an oversized body
            }
            respond(ctx, e.getStatus(), e.getMessage());
        });
        app.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, e.getMessage()));
        app.exception(ValidationException.class, (e, ctx) -> respond(ctx, 400, e.getErrors().entrySet().stream()
                .map(entry -> "parameter '" + entry.getKey() + "': " + entry.getValue().stream()
                        .map(err -> err.getMessage()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))));
        app.exception(Exception.class, (e, ctx) -> {
            Optional<String> store = StoreOutage.of(e);
            if (store.isPresent()) {
                outages.increment();
                LOG.warn("{} {}: {} unavailable: {}", ctx.method(), ctx.path(), store.get(), LogSafe.describe(e));
                ctx.header("Retry-After", Integer.toString(StoreOutage.RETRY_AFTER_SECONDS));
                respond(ctx, 503, store.get() + " is unavailable; retry after " + StoreOutage.RETRY_AFTER_SECONDS + " s");
                return;
            }
            unexpected.increment();
            LOG.error("unhandled exception on {} {}", ctx.method(), ctx.path(), LogSafe.redact(e));
            respond(ctx, 500, "internal error; quote the correlation id when reporting it");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "no endpoint " + ctx.method() + " " + ctx.path());
            }
        });
    }

    public static void respond(Context ctx, int status, String message) {
        HttpStatus httpStatus = HttpStatus.forStatus(status);
        ctx.status(status).json(new ErrorBody(status, httpStatus.getMessage(), withoutJavaNames(message), CorrelationId.of(ctx)));
    }

    /** {@code message} with every qualified Java name replaced by its simple form in words. */
    static String withoutJavaNames(String message) {
        if (message == null) {
            return "";
        }
        return JAVA_NAME.matcher(message).replaceAll("a value");
    }
}
