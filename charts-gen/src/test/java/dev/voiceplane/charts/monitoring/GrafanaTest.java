package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.charts.monitoring.Dashboard.Panel;
import dev.voiceplane.testing.Testing;
import java.util.List;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One Grafana in a bare chart: everything provisioned from ConfigMaps, each datasource an option. */
class GrafanaTest {
    private static final String PROMETHEUS = "http://prometheus-service.store-ns.svc.cluster.local:9090";
    private final Chart chart = Testing.chart();

    private static Grafana.Props.Builder props() {
        return Grafana.Props.builder("store", "store-ns", "store-secrets", PROMETHEUS);
    }

    private String datasources() {
        return object(chart, "ConfigMap", "grafana-datasources").at("/data/datasources.yaml").asText();
    }

    @Test
    void byDefaultPrometheusIsTheOnlyDatasourceAndThereAreNoDashboards() {
        new Grafana(chart, "grafana", props().build());
        assertThat(datasources()).contains("type: prometheus\n    uid: " + Dashboard.PROMETHEUS_UID)
                .contains("url: " + PROMETHEUS + "\n    isDefault: true").doesNotContain("type: loki").doesNotContain("type: jaeger");
        assertThat(ofKind(chart, "ConfigMap")).noneMatch(c -> c.at("/metadata/labels").has(Grafana.DASHBOARD_LABEL));
        assertThat(object(chart, "ConfigMap", "grafana-dashboard-provider").at("/data/dashboards.yaml").asText())
                .contains("folder: store").contains("allowUiUpdates: false");
        ObjectNode service = object(chart, "Service", Grafana.SERVICE);
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(Grafana.PORT);
    }

    @Test
    void lokiAndJaegerUrlsAddTheirDatasourcesNeitherTheDefault() {
        new Grafana(chart, "grafana", props().lokiUrl("http://loki:3100").jaegerUrl("http://jaeger:16686").build());
        assertThat(datasources()).contains("type: loki\n    uid: loki\n    access: proxy\n    url: http://loki:3100\n    isDefault: false")
                .contains("type: jaeger\n    uid: jaeger\n    access: proxy\n    url: http://jaeger:16686\n    isDefault: false");
    }

    @Test
    void eachDashboardIsAConfigMapForTheSidecarAndProjectedIntoThePod() {
        Dashboard d = new Dashboard("store-orders", "store / Orders", List.of()).add(Panel.stat("Orders", "short", "up"));
        new Grafana(chart, "grafana", props().dashboards(List.of(d)).build());
        ObjectNode map = object(chart, "ConfigMap", "grafana-dashboard-store-orders");
        assertThat(map.at("/metadata/labels/" + Grafana.DASHBOARD_LABEL).asText()).isEqualTo("1");
        assertThat(map.at("/data/store-orders.json").asText()).isEqualTo(d.render());
        JsonNode volumes = object(chart, "Deployment", "grafana").at("/spec/template/spec/volumes");
        assertThat(volumes.findValuesAsText("name")).contains("grafana-dashboard-store-orders");
    }

    /** The admin password is a reference into the named Secret; its value is never in the manifest. */
    @Test
    void theAdminPasswordIsReadFromTheNamedSecret() {
        new Grafana(chart, "grafana", props().build());
        JsonNode password = null;
        for (JsonNode e : object(chart, "Deployment", "grafana").at("/spec/template/spec/containers/0/env")) {
            if (e.path("name").asText().equals("GF_SECURITY_ADMIN_PASSWORD")) {
                password = e;
            }
        }
        assertThat(password).isNotNull();
        assertThat(password.has("value")).isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("store-secrets");
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo(Grafana.ADMIN_PASSWORD_KEY);
    }
}
