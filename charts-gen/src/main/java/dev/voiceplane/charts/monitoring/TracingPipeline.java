package dev.voiceplane.charts.monitoring;

import dev.voiceplane.catalog.Names;
import dev.voiceplane.charts.Labels;
import dev.voiceplane.stack.ResourceBudget;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.KubeConfigMap;
import org.cdk8s.plus33.k8s.ObjectMeta;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;
import software.constructs.Construct;

/**
 * Distributed tracing (ai-ninja guide: "Jaeger tracing"): services send OTLP/HTTP to
 * {@code otel-collector:4318} ({@link #COLLECTOR}, {@link #OTLP_HTTP_PORT}: the address the systems give them), the OpenTelemetry
 * collector batches, caps its memory and forwards over OTLP/gRPC to Jaeger, whose UI answers on
 * {@code jaeger:16686}. The collector in between keeps services independent of the tracing backend
 * and absorbs bursts when Jaeger restarts. Jaeger v2 keeps traces in memory here (the guide's
 * all-in-one); durable storage is a Jaeger setting, not a change to the services.
 */
public final class TracingPipeline extends Construct {
    public static final String COLLECTOR_IMAGE = "otel/opentelemetry-collector:0.135.0";
    public static final String JAEGER_IMAGE = "jaegertracing/jaeger:2.10.0";
    public static final String JAEGER = "jaeger";
    public static final int JAEGER_UI_PORT = 16686;
    public static final int OTLP_GRPC_PORT = 4317;
    /** The collector's workload and Service, which the services send their traces to. */
    public static final String COLLECTOR = "otel-collector";
    /** Where the collector takes OTLP over HTTP, the protocol the services export with. */
    public static final int OTLP_HTTP_PORT = 4318;
    private static final int HEALTH_PORT = 13133;

    /** The OTEL_EXPORTER_OTLP_ENDPOINT of the services in {@code namespace}: the collector's Service, over HTTP. */
    public static String otlpEndpoint(String namespace) {
        return Names.serviceUrl(COLLECTOR, namespace, OTLP_HTTP_PORT);
    }

    public TracingPipeline(Construct scope, String id, String namespace) {
        super(scope, id);
        String collector = COLLECTOR;
        String config = String.join("\n",
                "receivers:",
                "  otlp:",
                "    protocols:",
                "      http:",
                "        endpoint: 0.0.0.0:" + OTLP_HTTP_PORT,
                "      grpc:",
                "        endpoint: 0.0.0.0:" + OTLP_GRPC_PORT,
                "processors:",
                "  memory_limiter:",
                "    check_interval: 1s",
                "    limit_percentage: 80",
                "    spike_limit_percentage: 25",
                "  batch: {}",
                "exporters:",
                "  otlp/jaeger:",
                "    endpoint: " + Names.serviceHost(JAEGER, namespace) + ":" + OTLP_GRPC_PORT,
                "    tls:",
                "      insecure: true",
                "extensions:",
                "  health_check:",
                "    endpoint: 0.0.0.0:" + HEALTH_PORT,
                "service:",
                "  extensions: [health_check]",
                "  pipelines:",
                "    traces:",
                "      receivers: [otlp]",
                "      processors: [memory_limiter, batch]",
                "      exporters: [otlp/jaeger]",
                "");
        KubeConfigMap.Builder.create(this, "collector-config")
                .metadata(ObjectMeta.builder().name(collector + "-config").namespace(namespace)
                        .labels(Labels.ofWorkload(collector, "tracing")).build())
                .data(Map.of("config.yaml", config))
                .build();
        HardenedWorkload.builder(collector, namespace, COLLECTOR_IMAGE)
                .component("tracing")
                .runAs(10001)
                .args(List.of("--config=/etc/otelcol/config.yaml"))
                .port("otlp-http", OTLP_HTTP_PORT)
                .port("otlp-grpc", OTLP_GRPC_PORT)
                .probe("/", HEALTH_PORT)
                .resources(new ResourceBudget("100m", "128Mi", "500m", "512Mi"))
                .volume(Volume.builder().name("config").configMap(ConfigMapVolumeSource.builder().name(collector + "-config").build()).build(),
                        VolumeMount.builder().name("config").mountPath("/etc/otelcol").readOnly(true).build())
                .build(this, "collector");

        // Jaeger v2's built-in all-in-one configuration: OTLP in, in-memory store, query UI.
        HardenedWorkload.builder(JAEGER, namespace, JAEGER_IMAGE)
                .component("tracing")
                .runAs(10001)
                .port("query", JAEGER_UI_PORT)
                .port("otlp-grpc", OTLP_GRPC_PORT)
                .probe("/", JAEGER_UI_PORT)
                .resources(new ResourceBudget("100m", "256Mi", "500m", "1Gi"))
                .build(this, "jaeger");
    }
}
