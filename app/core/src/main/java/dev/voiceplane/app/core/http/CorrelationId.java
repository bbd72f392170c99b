package dev.voiceplane.app.core.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id that ties together every log line of one request across services. Taken from the caller's
 * {@code X-Correlation-ID} when it looks like an id (so a forged header cannot inject log text),
 * otherwise minted; echoed in the response and put in the logging context as {@code correlation_id}.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-ID";
    public static final String MDC_KEY = "correlation_id";
    private static final String ATTRIBUTE = "voiceplane.correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    public static void assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        String id = incoming != null && SAFE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "" : id;
    }

    /** The current thread's correlation id, for outgoing calls; empty outside a request. */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        return id == null ? "" : id;
    }
}
