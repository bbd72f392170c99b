package dev.voiceplane.app.core.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry traces, exported over OTLP/HTTP to {@code OTEL_EXPORTER_OTLP_ENDPOINT} in batches.
 * Without an endpoint spans are still created (their trace ids go into the logs) but not exported.
 * W3C {@code traceparent} is extracted from requests and injected into calls to other services.
 */
public final class Tracing implements AutoCloseable {

    private static final String TRACES_PATH = "/v1/traces";

    private final OpenTelemetrySdk sdk;

    public Tracing(String serviceName, Optional<String> otlpEndpoint) {
        SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), serviceName))));
        otlpEndpoint.ifPresent(endpoint -> provider.addSpanProcessor(BatchSpanProcessor.builder(
                OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(endpoint)).setTimeout(Duration.ofSeconds(5)).build()).build()));
        this.sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider.build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /** The OTLP spec's rule: the signal path is appended to a base endpoint. */
    static String tracesUrl(String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
    }

    public OpenTelemetry openTelemetry() {
        return sdk;
    }

    public Tracer tracer() {
        return sdk.getTracer("dev.voiceplane.app");
    }

    /** Flushes buffered spans, bounded so shutdown cannot hang on an unreachable collector. */
    @Override
    public void close() {
        sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
    }
}
