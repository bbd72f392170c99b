package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.SystemName;
import dev.voiceplane.charts.BackupSchedule;
import dev.voiceplane.charts.monitoring.AlertRouting;
import dev.voiceplane.charts.monitoring.TracingPipeline;
import dev.voiceplane.testing.Testing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What each system's guide asks of its observability, on the real stacks. How one Monitoring looks is MonitoringTest's. */
class SystemMonitoringTest {

    private static Map<String, JsonNode> alerts(String stack, String system) {
        Map<String, JsonNode> byName = new TreeMap<>();
        for (JsonNode group : object(stack, "PrometheusRule", system + "-alerts").at("/spec/groups")) {
            group.path("rules").forEach(r -> byName.put(r.path("alert").asText(), r));
        }
        return byName;
    }

    @Test
    void everyServiceIsScrapedOnItsMetricsPathThroughItsHttpPort() {
        for (var spec : ServiceCatalog.of(SystemName.AI_NINJA)) {
            ObjectNode monitor = object("local", "ServiceMonitor", spec.name());
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
            assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
            assertThat(monitor.at("/spec/endpoints/0").has("relabelings")).isFalse();
            assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo(spec.name());
        }
    }

    /**
     * Under STRICT mTLS Prometheus (no sidecar) is refused on the services' ports: it scrapes the sidecar's merged
     * metrics on 15020 instead, found through the Service so the service label stays
     * (https://istio.io/latest/docs/ops/integrations/prometheus/#option-1-metrics-merging), and the pods keep naming
     * their own port for the agent to merge.
     */
    @Test
    void aMeshedServiceIsScrapedThroughItsSidecarsMergedMetricsPort() {
        for (var spec : ServiceCatalog.of(SystemName.AI_NINJA)) {
            ObjectNode monitor = object("ai-ninja-production", "ServiceMonitor", spec.name());
            assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/stats/prometheus");
            assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
            assertThat(monitor.at("/spec/endpoints/0/relabelings")).anySatisfy(r -> {
                assertThat(r.path("targetLabel").asText()).isEqualTo("__address__");
                assertThat(r.path("replacement").asText()).isEqualTo("$1:15020");
                assertThat("10.244.1.7".replaceAll(r.path("regex").asText(), r.path("replacement").asText())).isEqualTo("10.244.1.7:15020");
            });
            ObjectNode pod = object("ai-ninja-production", "Deployment", spec.name());
            assertThat(pod.at("/spec/template/metadata/annotations/prometheus.io~1port").asText()).isEqualTo(Integer.toString(spec.port()));
        }
    }

    @Test
    void p95LatencyAbove800msAlertsFromTheServicesHistogram() {
        JsonNode alert = alerts("ai-ninja-production", "ai-ninja").get("HighResponseLatency");
        assertThat(alert.path("expr").asText())
                .contains("histogram_quantile(0.95").contains("http_server_requests_seconds_bucket").endsWith("> 0.8");
        assertThat(alert.path("for").asText()).isEqualTo("5m");
    }

    @Test
    void errorRateAbove5PercentIsCritical() {
        JsonNode alert = alerts("ai-ninja-production", "ai-ninja").get("HighErrorRate");
        assertThat(alert.path("expr").asText()).contains("status=~\\\"5..\\\"".replace("\\", "")).endsWith("> 0.05");
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
    }

    @Test
    void cpuAndMemoryAbove90PercentOfLimitsAlert() {
        Map<String, JsonNode> a = alerts("ai-ninja-production", "ai-ninja");
        assertThat(a.get("ContainerCpuNearLimit").path("expr").asText()).contains("container_spec_cpu_quota").endsWith("> 0.9");
        assertThat(a.get("ContainerMemoryNearLimit").path("expr").asText()).contains("container_spec_memory_limit_bytes").endsWith("> 0.9");
    }

    @Test
    void aiQualityVoiceAndAuthenticationAlertsExistWithSummaries() {
        Map<String, JsonNode> a = alerts("ai-ninja-production", "ai-ninja");
        assertThat(a.get("AiResponseQualityLow").path("expr").asText()).contains("ai_response_quality").endsWith("< 0.7");
        assertThat(a.get("VoiceProcessingFailures").path("expr").asText()).contains("voice_processing_failures_total");
        assertThat(a.get("AuthenticationFailures").path("expr").asText()).contains("auth_failures_total");
        assertThat(a.values()).allSatisfy(r -> {
            assertThat(r.at("/annotations/summary").asText()).isNotBlank();
            assertThat(r.at("/annotations/description").asText()).isNotBlank();
            assertThat(r.path("for").asText()).matches("[0-9]+[smh]");
            assertThat(r.at("/labels/severity").asText()).isIn("warning", "critical");
        });
    }

    @Test
    void bharatVoiceAlsoAlertsOnApplicationDownDatabaseFailureAndTwoSecondLatency() {
        Map<String, JsonNode> a = alerts("bharatvoice-production", "bharatvoice");
        assertThat(a.get("ApplicationDown").at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(a.get("DatabaseFailure").path("expr").asText()).contains("/health/ready").contains("503");
        assertThat(a.get("SimpleQueryLatencyAboveTwoSeconds").path("expr").asText()).endsWith("> 2");
        assertThat(alerts("ai-ninja-production", "ai-ninja")).doesNotContainKey("ApplicationDown");
    }

    @Test
    void fourDashboardsWithRealQueriesAreProvisionedAndLabelledForTheSidecar() throws Exception {
        List<String> titles = new ArrayList<>();
        for (String uid : List.of("system-overview", "service-performance", "infrastructure", "business-metrics")) {
            ObjectNode cm = object("ai-ninja-production", "ConfigMap", "grafana-dashboard-ai-ninja-" + uid);
            assertThat(cm.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
            JsonNode dashboard = new ObjectMapper().readTree(cm.at("/data/ai-ninja-" + uid + ".json").asText());
            titles.add(dashboard.path("title").asText());
            assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(6);
            dashboard.path("panels").forEach(p -> assertThat(p.at("/targets/0/expr").asText()).contains("namespace=\"ai-ninja\""));
        }
        assertThat(titles).containsExactly("ai-ninja / System Overview", "ai-ninja / Service Performance",
                "ai-ninja / Infrastructure", "ai-ninja / Business Metrics");
    }

    /** The systems hand every backup CronJob they run to their Monitoring (how one is watched is BackupAlertsTest's). */
    @Test
    void everyBackupCronJobAStackRunsIsWatched() {
        for (String stack : Testing.stacks().names()) {
            String system = Testing.stack(stack).system().id();
            List<String> backups = java.util.stream.Stream.of(BackupSchedule.POSTGRES, BackupSchedule.REDIS, BackupSchedule.DATA)
                    .map(BackupSchedule.Job::name).toList();
            List<String> jobs = ofKind(stack, "CronJob").stream().map(j -> j.at("/metadata/name").asText()).filter(backups::contains).toList();
            JsonNode missed = alerts(stack, system).get("BackupMissed");
            if (jobs.isEmpty()) {
                assertThat(missed).as(stack).isNull();
                continue;
            }
            assertThat(missed).as(stack).isNotNull();
            assertThat(jobs).as(stack).allSatisfy(j -> assertThat(missed.path("expr").asText()).contains("cronjob=\"" + j + "\""));
        }
    }

    @Test
    void prometheusAndGrafanaAnswerWhereTheGuidePortForwards() {
        assertThat(object("bharatvoice-production", "Service", "prometheus-service").at("/spec/ports/0/port").asInt()).isEqualTo(9090);
        assertThat(object("bharatvoice-production", "Service", "grafana-service").at("/spec/ports/0/port").asInt()).isEqualTo(3000);
        ObjectNode prometheus = object("bharatvoice-production", "Prometheus", "bharatvoice");
        assertThat(prometheus.at("/spec/ruleSelector/matchLabels/app.kubernetes.io~1part-of").asText()).isEqualTo("bharatvoice");
        assertThat(prometheus.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void grafanaTakesItsAdminPasswordFromASecretReferenceOnly() {
        JsonNode env = object("local", "Deployment", "grafana").at("/spec/template/spec/containers/0/env");
        JsonNode password = null;
        for (JsonNode e : env) {
            if (e.path("name").asText().equals("GF_SECURITY_ADMIN_PASSWORD")) {
                password = e;
            }
        }
        assertThat(password).isNotNull();
        assertThat(password.has("value")).isFalse();
        assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("GRAFANA_ADMIN_PASSWORD");
    }

    @Test
    void theCollectorServicesSendTracesToListensOnOtlpHttpAndForwardsToJaeger() {
        ObjectNode collector = object("local", "Service", TracingPipeline.COLLECTOR);
        assertThat(collector.at("/spec/ports/0/port").asInt()).isEqualTo(TracingPipeline.OTLP_HTTP_PORT);
        assertThat(object("local", "ConfigMap", "otel-collector-config").at("/data/config.yaml").asText())
                .contains("otlp/jaeger:").contains("endpoint: jaeger.ai-ninja.svc.cluster.local:4317");
        assertThat(object("local", "Service", "jaeger").at("/spec/ports/0/port").asInt()).isEqualTo(16686);
    }

    @Test
    void onlyBharatVoiceShipsLogsToLoki() {
        assertThat(object("bharatvoice-production", "Service", "loki").at("/spec/ports/0/port").asInt()).isEqualTo(3100);
        assertThat(ofKind("ai-ninja-production", "DaemonSet")).isEmpty();
    }

    @Test
    void lokiKeepsItsThirtyDaysOfLogsOnAClaimAndIsReplacedRatherThanRolled() {
        ObjectNode loki = object("bharatvoice-production", "Deployment", "loki");
        assertThat(loki.at("/spec/template/spec/volumes").toString()).contains("\"claimName\":\"loki-data\"");
        assertThat(loki.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
        ObjectNode claim = object("bharatvoice-production", "PersistentVolumeClaim", "loki-data");
        assertThat(claim.at("/spec/storageClassName").asText()).isEqualTo("standard-ssd");
        assertThat(claim.at("/metadata/annotations/voiceplane.dev~1holds-data").asText()).isEqualTo("true");
        assertThat(object("bharatvoice-production", "ConfigMap", "loki-config").at("/data/loki.yaml").asText())
                .contains("retention_period: 720h");
        assertThat(object("ai-ninja-production", "Deployment", "grafana").at("/spec/strategy").isMissingNode()).isTrue();
    }

    @Test
    void prometheusKeepsItsSamplesOnAClaimMarkedAsHoldingDataAndBoundedBelowItsSize() {
        JsonNode spec = object("ai-ninja-production", "Prometheus", "ai-ninja").path("spec");
        JsonNode template = spec.at("/storage/volumeClaimTemplate");
        assertThat(template.at("/spec/storageClassName").asText()).isEqualTo("standard-ssd");
        assertThat(template.at("/spec/resources/requests/storage").asText()).isEqualTo("50Gi");
        assertThat(template.at("/metadata/annotations/voiceplane.dev~1holds-data").asText()).isEqualTo("true");
        assertThat(spec.path("retention").asText()).isEqualTo("15d");
        assertThat(spec.path("retentionSize").asText()).isEqualTo("45GB");
    }

    @Test
    void promtailIsTheOnlyWorkloadWithAHardeningExceptionAndSaysWhy() {
        ObjectNode promtail = object("bharatvoice-production", "DaemonSet", "promtail");
        assertThat(promtail.at("/metadata/annotations/voiceplane.dev~1hardening-exception").asText()).contains("/var/log/pods");
        JsonNode container = promtail.at("/spec/template/spec/containers/0");
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(container.path("volumeMounts").findValues("readOnly")).isNotEmpty();
        for (String stack : List.of("local", "ai-ninja-production", "bharatvoice-production")) {
            for (String kind : List.of("Deployment", "DaemonSet", "StatefulSet")) {
                ofKind(stack, kind).stream().filter(o -> o.at("/metadata/annotations").has("voiceplane.dev/hardening-exception"))
                        .forEach(o -> assertThat(o.at("/metadata/name").asText()).isEqualTo("promtail"));
            }
        }
    }

    @Test
    void monitoringWorkloadsRunNonRootReadOnlyWithLimits() {
        for (String name : List.of("grafana", "jaeger", "otel-collector", "loki")) {
            JsonNode pod = object("bharatvoice-production", "Deployment", name).at("/spec/template/spec");
            JsonNode c = pod.at("/containers/0");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
            assertThat(c.at("/resources/limits/memory").asText()).as(name).isNotEmpty();
            assertThat(c.path("image").asText()).as(name).doesNotEndWith(":latest").contains(":");
        }
    }

    @Test
    void alertsReachTheOnCallWebhookThroughAnAlertmanagerRoutingBySeverity() {
        ObjectNode prometheus = object("ai-ninja-production", "Prometheus", "ai-ninja");
        assertThat(prometheus.at("/spec/alerting/alertmanagers/0/name").asText()).isEqualTo("alertmanager-operated");
        ObjectNode routes = object("ai-ninja-production", "AlertmanagerConfig", "ai-ninja-alert-routes");
        assertThat(routes.at("/spec/route/routes/0/matchers/0/value").asText()).isEqualTo("critical");
        assertThat(routes.at("/spec/route/routes/0/repeatInterval").asText()).isEqualTo("1h");
        JsonNode webhook = routes.at("/spec/receivers/0/webhookConfigs/0");
        assertThat(webhook.has("url")).isFalse();
        assertThat(webhook.at("/urlSecret/key").asText()).isEqualTo(AlertRouting.WEBHOOK_URL_KEY);
        assertThat(object("ai-ninja-production", "Alertmanager", "ai-ninja").at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    }
}
