package dev.voiceplane.app.core.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to a JSON {@link ErrorBody}: Javalin's HTTP exceptions keep their status,
 * invalid input becomes 400 with its message, anything else is a 500 whose details stay in the log.
 */
public final class ErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    private ErrorHandling() {
    }

    public static void install(Javalin app, MeterRegistry metrics) {
        Counter unexpected = Counter.builder("http_server_unhandled_exceptions")
                .description("requests that failed with an unexpected exception").register(metrics);
        app.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
        app.exception(IllegalArgumentException.class, (e, ctx) -> respond(ctx, 400, e.getMessage()));
        app.exception(ValidationException.class, (e, ctx) -> respond(ctx, 400, e.getErrors().entrySet().stream()
                .map(entry -> "parameter '" + entry.getKey() + "': " + entry.getValue().stream()
                        .map(err -> err.getMessage()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "))));
        app.exception(Exception.class, (e, ctx) -> {
            unexpected.increment();
            LOG.error("unhandled exception on {} {}", ctx.method(), ctx.path(), e);
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
        ctx.status(status).json(new ErrorBody(status, httpStatus.getMessage(), message, CorrelationId.of(ctx)));
    }
}
