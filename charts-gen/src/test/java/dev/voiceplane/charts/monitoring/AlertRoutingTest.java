package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import java.util.Map;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One AlertRouting in a bare chart: an Alertmanager and the routes it selects, paging critical alerts hourly. */
class AlertRoutingTest {
    private static final Map<String, String> SELECTED = Map.of("app.kubernetes.io/part-of", "store");
    private final Chart chart = Testing.chart();

    @Test
    void theAlertmanagerSelectsItsRoutesByTheGivenLabelsAndRunsOutsideTheMeshAsNobody() {
        new AlertRouting(chart, "routing", new AlertRouting.Props("store", "store-ns", "store-secrets", SELECTED));
        ObjectNode manager = object(chart, "Alertmanager", "store");
        assertThat(manager.at("/metadata/namespace").asText()).isEqualTo("store-ns");
        JsonNode spec = manager.path("spec");
        assertThat(spec.at("/alertmanagerConfigSelector/matchLabels").toString()).isEqualTo("{\"app.kubernetes.io/part-of\":\"store\"}");
        // Without it, a route only matches alerts carrying the AlertmanagerConfig's namespace label.
        assertThat(spec.at("/alertmanagerConfigMatcherStrategy/type").asText()).isEqualTo("None");
        assertThat(spec.at("/podMetadata/labels/sidecar.istio.io~1inject").asText()).isEqualTo("false");
        assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(spec.path("version").asText()).isEqualTo(AlertRouting.IMAGE.substring(AlertRouting.IMAGE.lastIndexOf(':') + 1));
    }

    @Test
    void criticalAlertsRepeatHourlyToTheWebhookReadFromTheNamedSecret() {
        new AlertRouting(chart, "routing", new AlertRouting.Props("store", "store-ns", "observability", SELECTED));
        ObjectNode routes = object(chart, "AlertmanagerConfig", "store-alert-routes");
        assertThat(routes.at("/metadata/labels/app.kubernetes.io~1part-of").asText()).as("selected by the Alertmanager").isEqualTo("store");
        assertThat(routes.at("/spec/route/repeatInterval").asText()).isEqualTo("12h");
        assertThat(routes.at("/spec/route/routes/0/matchers/0/name").asText()).isEqualTo("severity");
        assertThat(routes.at("/spec/route/routes/0/matchers/0/value").asText()).isEqualTo("critical");
        assertThat(routes.at("/spec/route/routes/0/repeatInterval").asText()).isEqualTo("1h");
        JsonNode webhook = routes.at("/spec/receivers/0/webhookConfigs/0");
        assertThat(webhook.at("/urlSecret/name").asText()).isEqualTo("observability");
        assertThat(webhook.at("/urlSecret/key").asText()).isEqualTo(AlertRouting.WEBHOOK_URL_KEY);
        assertThat(webhook.has("url")).as("no URL value in the manifest").isFalse();
    }
}
