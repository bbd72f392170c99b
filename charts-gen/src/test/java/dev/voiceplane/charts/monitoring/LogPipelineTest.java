package dev.voiceplane.charts.monitoring;

import static dev.voiceplane.testing.Testing.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.testing.Testing;
import org.cdk8s.Chart;
import org.junit.jupiter.api.Test;

/** One LogPipeline in a bare chart: Loki beside the services, Promtail in a namespace of its own. */
class LogPipelineTest {
    private final Chart chart = Testing.chart();

    @Test
    void lokiKeepsItsLogsForTheRetentionPeriodOnItsClaimAndIsReplacedRatherThanRolled() {
        new LogPipeline(chart, "logs", new LogPipeline.Props("store", "store-ns"));
        JsonNode loki = object(chart, "Deployment", LogPipeline.LOKI);
        assertThat(loki.at("/metadata/namespace").asText()).isEqualTo("store-ns");
        assertThat(loki.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        assertThat(loki.at("/spec/template/spec/volumes").toString()).contains("\"claimName\":\"" + LogPipeline.DATA_CLAIM.name() + "\"");
        assertThat(object(chart, "ConfigMap", "loki-config").at("/data/loki.yaml").asText())
                .contains("retention_period: " + LogPipeline.RETENTION_DAYS * 24 + "h").contains("retention_enabled: true");
    }

    @Test
    void promtailShipsTheSystemNamespacesPodLogsFromItsOwnPrivilegedNamespaceAndSaysWhy() {
        new LogPipeline(chart, "logs", new LogPipeline.Props("store", "store-ns"));
        String logs = LogPipeline.namespaceOf("store");
        assertThat(logs).isNotEqualTo("store-ns");
        JsonNode ns = object(chart, "Namespace", logs);
        assertThat(ns.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText()).isEqualTo("privileged");
        JsonNode promtail = object(chart, "DaemonSet", "promtail");
        assertThat(promtail.at("/metadata/namespace").asText()).isEqualTo(logs);
        assertThat(promtail.at("/metadata/annotations/voiceplane.dev~1hardening-exception").asText()).isEqualTo(LogPipeline.PROMTAIL_EXCEPTION);
        assertThat(promtail.at("/spec/template/spec/volumes").toString()).contains("\"path\":\"/var/lib/voiceplane/store-promtail\"");
        String config = object(chart, "ConfigMap", "promtail-config").at("/data/promtail.yaml").asText();
        assertThat(config).contains("url: http://loki.store-ns.svc.cluster.local:" + LogPipeline.LOKI_PORT + "/loki/api/v1/push")
                .contains("names: [store-ns]");
        assertThat(object(chart, "ClusterRoleBinding", "promtail-store").at("/subjects/0/namespace").asText()).isEqualTo(logs);
    }
}
