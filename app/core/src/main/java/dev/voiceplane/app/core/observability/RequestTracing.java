package dev.voiceplane.app.core.observability;

import io.javalin.http.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.slf4j.MDC;

/**
 * A server span per request, child of the caller's {@code traceparent}, current while the handler
 * runs so outgoing calls continue the trace; its trace id goes into the logs as {@code trace_id}.
 */
public final class RequestTracing {

    public static final String MDC_KEY = "trace_id";
    private static final String SPAN = "voiceplane.span";
    private static final String SCOPE = "voiceplane.scope";

    private static final TextMapGetter<Context> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
            return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
            return ctx == null ? null : ctx.header(key);
        }
    };

    private final Tracing tracing;

    public RequestTracing(Tracing tracing) {
        this.tracing = tracing;
    }

    public void start(Context ctx) {
        io.opentelemetry.context.Context parent = tracing.openTelemetry().getPropagators().getTextMapPropagator()
                .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
        Span span = tracing.tracer().spanBuilder(ctx.method().name())
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", ctx.method().name())
                .setAttribute("url.path", ctx.path())
                .startSpan();
        ctx.attribute(SPAN, span);
        ctx.attribute(SCOPE, span.makeCurrent());
        MDC.put(MDC_KEY, span.getSpanContext().getTraceId());
    }

    public void finish(Context ctx) {
        Span span = ctx.attribute(SPAN);
        if (span == null) {
            return;
        }
        int status = ctx.statusCode();
        span.updateName(ctx.method().name() + " " + HttpMetrics.route(ctx));
        span.setAttribute("http.route", HttpMetrics.route(ctx));
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
        Scope scope = ctx.attribute(SCOPE);
        if (scope != null) {
            scope.close();
        }
    }
}
