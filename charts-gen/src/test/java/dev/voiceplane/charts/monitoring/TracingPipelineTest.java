package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One TracingPipeline in a bare chart: services send OTLP/HTTP to the collector, which forwards to Jaeger in its namespace. */
class TracingPipelineTest {
    private final Chart chart = Testing.chart();

    @Test
    void theCollectorTakesOtlpHttpAndForwardsToTheNamespacesJaegerOverGrpc() {
        new TracingPipeline(chart, "tracing", "store-ns");
        String config = object(chart, "ConfigMap", TracingPipeline.COLLECTOR + "-config").at("/data/config.yaml").asText();
        assertThat(config).contains("endpoint: 0.0.0.0:" + TracingPipeline.OTLP_HTTP_PORT)
                .contains("otlp/jaeger:\n    endpoint: jaeger.store-ns.svc.cluster.local:" + TracingPipeline.OTLP_GRPC_PORT)
                .contains("processors: [memory_limiter, batch]");
        JsonNode collector = object(chart, "Service", TracingPipeline.COLLECTOR);
        assertThat(collector.at("/metadata/namespace").asText()).isEqualTo("store-ns");
        assertThat(collector.at("/spec/ports/0/port").asInt()).isEqualTo(TracingPipeline.OTLP_HTTP_PORT);
        JsonNode jaeger = object(chart, "Service", TracingPipeline.JAEGER);
        assertThat(jaeger.at("/spec/ports").findValuesAsText("name")).containsExactly("query", "otlp-grpc");
        assertThat(jaeger.at("/spec/ports/0/port").asInt()).isEqualTo(TracingPipeline.JAEGER_UI_PORT);
        assertThat(object(chart, "Deployment", TracingPipeline.COLLECTOR).at("/spec/template/spec/containers/0/volumeMounts/0/mountPath")
                .asText()).isEqualTo("/etc/otelcol");
    }
}
