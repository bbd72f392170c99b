package dev.voiceplane.synth.helm;

import static dev.voiceplane.synth.helm.HelmCharts.assertFailsWith;
import static dev.voiceplane.synth.helm.HelmCharts.chart;
import static dev.voiceplane.synth.helm.HelmCharts.template;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad value of the issue is refused by real Helm, with the schema's or the guard's message. */
class HelmChartValuesTest {
    @TempDir
    static Path dir;
    static Path production;
    static Path local;

    @BeforeAll
    static void charts() {
        production = chart(dir, "ai-ninja-production");
        local = chart(dir, "local");
    }

    private static void refused(Path chart, String key, Object value, String... message) {
        assertFailsWith(() -> template(chart, "voiceplane", "ai-ninja").set(key, value).call(), message);
    }

    @Test
    void aMisspeltServiceKeyIsRefused() {
        refused(production, "services.realtime-procesor.minReplicas", 3, "realtime-procesor");
    }

    @Test
    void anUnknownFeatureFlagIsRefused() {
        refused(production, "features.FEATURE_TELEPORT", true, "FEATURE_TELEPORT");
    }

    @Test
    void zeroMinReplicasIsRefused() {
        refused(production, "services.user-management.minReplicas", 0, "services", "user-management", "minReplicas");
    }

    @Test
    void minReplicasAboveMaxReplicasIsRefusedByTheGuard() {
        assertFailsWith(() -> template(production, "voiceplane", "ai-ninja")
                        .set("services.user-management.minReplicas", 9).set("services.user-management.maxReplicas", 5).call(),
                "services.user-management: minReplicas (9) is above maxReplicas (5)");
    }

    @Test
    void aCpuThatIsNotAQuantityIsRefused() {
        refused(production, "services.user-management.resources.requests.cpu", "lots", "cpu", "lots");
    }

    @Test
    void theLatestTagIsRefused() {
        refused(production, "images.tag", "latest", "tag");
    }

    @Test
    void anEmptyApiHostWithTlsOnIsRefused() {
        refused(production, "ingress.apiHost", "", "apiHost");
    }

    @Test
    void aRemovedServiceEntryIsRefusedNotAnIndexError() {
        refused(production, "services.realtime-processor", null, "realtime-processor");
    }

    @Test
    void replicasOnAnAutoscaledServiceIsRefusedRatherThanIgnored() {
        refused(production, "services.user-management.replicas", 4, "replicas");
    }

    @Test
    void aRequestAboveItsLimitIsRefusedByTheGuard() {
        refused(production, "services.user-management.resources.requests.memory", "4Gi",
                "services.user-management.resources: requests.memory 4Gi is above limits.memory 2048Mi");
    }

    @Test
    void aQuotaBelowMinimumScaleIsRefusedByTheGuard() {
        refused(production, "namespace.quota.requests.cpu", "2500m", "namespace.quota.requests.cpu 2500m is below what the services request at minimum scale (");
        assertThat(template(production, "voiceplane", "ai-ninja").set("namespace.quota.requests.cpu", 90).call()).contains("requests.cpu: \"90\"");
    }

    @Test
    void theQuotaGuardCountsMeshSidecars() {
        // 18 pods at minimum scale, 500m each: 9000m fits 9.5 CPU without sidecars; with 100m per sidecar (10800m) it does not.
        assertThat(template(production, "voiceplane", "ai-ninja").set("namespace.quota.requests.cpu", "9500m").set("mesh.enabled", false)
                .call()).contains("9500m");
        assertFailsWith(() -> template(production, "voiceplane", "ai-ninja").set("namespace.quota.requests.cpu", "9500m")
                        .set("mesh.enabled", true).set("mesh.proxy.requests.cpu", "100m").set("mesh.proxy.requests.memory", "128Mi")
                        .set("mesh.proxy.limits.cpu", "500m").set("mesh.proxy.limits.memory", "256Mi").call(),
                "minimum scale (10800m)");
        assertThat(template(production, "voiceplane", "ai-ninja").set("namespace.quota.requests.cpu", "9500m")
                .set("mesh.proxy.requests.cpu", "10m").set("mesh.proxy.requests.memory", "64Mi")
                .set("mesh.proxy.limits.cpu", "100m").set("mesh.proxy.limits.memory", "128Mi").call()).contains("9500m");
    }

    @Test
    void anIssuerOrStorageClassTheClusterDoesNotDefineIsRefused() {
        refused(production, "ingress.clusterIssuer", "letsencrypt-typo", "clusterIssuer");
        refused(local, "storageClasses.fast-ssd", "gold", "fast-ssd");
    }

    @Test
    void aCidrThatIsNotOneIsRefused() {
        refused(production, "networkPolicy.cidrs.10\\.20\\.0\\.0/16", "10.20.0.0/33", "10.20.0.0/33", "does not match pattern");
    }

    @Test
    void helmLintRefusesABadValuesFileToo(@TempDir Path own) throws Exception {
        Path chart = chart(own, "ai-ninja-production");
        Path values = chart.resolve("values.yaml");
        String good = Files.readString(values);
        Files.writeString(values, good.replaceFirst("(?m)^  tag: .*$", "  tag: latest"));
        assertThat(Files.readString(values)).isNotEqualTo(good);
        LintResult lint = new Helm(chart).lint().call();
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("tag");
    }

    @Test
    void theSchemaIsClosedAtEveryLevel() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(Files.readString(production.resolve("values.schema.json")));
        assertThat(schema.findParents("properties")).allSatisfy(o -> assertThat(o.path("additionalProperties").asBoolean(true))
                .as(o.toString().substring(0, Math.min(120, o.toString().length()))).isFalse());
        assertThat(schema.at("/properties/services/required").size()).isEqualTo(6);
        assertThat(schema.at("/properties/services/properties/user-management/properties/minReplicas/minimum").asInt()).isEqualTo(1);
    }
}
