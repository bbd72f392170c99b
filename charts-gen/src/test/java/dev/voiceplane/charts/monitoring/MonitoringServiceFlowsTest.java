package dev.voiceplane.charts.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.Flow;
import dev.voiceplane.charts.MeshSidecar;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Monitoring declares with each service ({@link Monitoring#flowsOf}): scraping it and its traces, meshed or not. */
class MonitoringServiceFlowsTest {
    private static final ServiceSpec SHOP = ServiceSpec.builder(SystemName.BHARATVOICE, "shop").port(8080).build();

    private static List<Flow> flowsOf(boolean mesh) {
        Monitoring monitoring = new Monitoring(Testing.chart(), "monitoring",
                Monitoring.Props.builder("store", "store-ns", List.of(SHOP)).mesh(mesh).build());
        return monitoring.flowsOf(SHOP);
    }

    @Test
    void prometheusScrapesTheServicesOwnPortAndTheServiceSendsTracesToTheCollector() {
        assertThat(flowsOf(false)).extracting(f -> f.from() + " -> " + f.to() + ":" + f.port())
                .containsExactly(PrometheusServer.WORKLOAD + " -> shop:8080", "shop -> " + TracingPipeline.COLLECTOR + ":" + TracingPipeline.OTLP_HTTP_PORT);
    }

    @Test
    void inAMeshedStackPrometheusScrapesTheSidecarsMergedPortOutsideMutualTls() {
        assertThat(flowsOf(true).get(0).port()).isEqualTo(MeshSidecar.MERGED_METRICS_PORT);
        assertThat(flowsOf(true).get(0).reason()).contains("merged by its Istio sidecar");
    }
}
