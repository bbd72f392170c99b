package dev.voiceplane.systems;

import static dev.voiceplane.testing.Testing.object;
import static dev.voiceplane.testing.Testing.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.testing.Testing;
import org.junit.jupiter.api.Test;

/** The system ConfigMap each stack writes and who reads it: the systems' rules. How one AppConfig looks is AppConfigTest's. */
class SystemConfigTest {

    @Test
    void theConfigMapHoldsTheGuidesPerformanceSettingsAndFlags() {
        JsonNode data = object("ai-ninja-production", "ConfigMap", "ai-ninja-config").path("data");
        assertThat(data.path("MAX_CONCURRENT_CALLS").asText()).isEqualTo("1000");
        assertThat(data.path("WEBSOCKET_TIMEOUT").asText()).isEqualTo("300000");
        assertThat(data.path("PROCESSING_PIPELINE_TIMEOUT").asText()).isEqualTo("1500");
        assertThat(data.path("FEATURE_MFA_REQUIRED").asText()).isEqualTo("true");
        assertThat(data.path("FEATURE_RATE_LIMITING_ENABLED").asText()).isEqualTo("true");
        assertThat(data.path("FEATURE_AUDIT_LOGGING_ENABLED").asText()).isEqualTo("true");
        assertThat(data.path("AZURE_SPEECH_REGION").asText()).isEqualTo("centralindia");
        assertThat(data.path("AZURE_OPENAI_ENDPOINT").asText()).isEqualTo("https://ai-ninja-prod-openai.openai.azure.com/");
        assertThat(data.path("DB_NAME").asText()).isEqualTo("ai_ninja");
    }

    @Test
    void bharatVoiceServesTenIndianLanguagesAndEnglish() {
        JsonNode data = object("bharatvoice-production", "ConfigMap", "bharatvoice-config").path("data");
        assertThat(data.path("SUPPORTED_LANGUAGES").asText()).isEqualTo("hi,en,ta,te,bn,mr,gu,kn,ml,pa");
        assertThat(data.has("WORKER_CONCURRENCY")).isTrue();
        assertThat(data.has("JOB_MAX_ATTEMPTS")).isTrue();
    }

    @Test
    void stackOverridesReachTheConfigMap() {
        assertThat(object("ai-ninja-staging", "ConfigMap", "ai-ninja-config").at("/data/MAX_CONCURRENT_CALLS").asText()).isEqualTo("200");
        assertThat(object("ai-ninja-staging", "ConfigMap", "ai-ninja-config").at("/data/LOG_LEVEL").asText()).isEqualTo("DEBUG");
    }

    @Test
    void everyConfigMapKeyAnyWorkloadReadsExists() {
        for (String stack : Testing.stacks().names()) {
            for (String kind : new String[] {"Deployment", "StatefulSet", "CronJob"}) {
                for (ObjectNode w : ofKind(stack, kind)) {
                    for (JsonNode ref : w.findValues("configMapKeyRef")) {
                        String name = ref.path("name").asText();
                        String key = ref.path("key").asText();
                        assertThat(object(stack, "ConfigMap", name).at("/data").has(key))
                                .as("%s %s/%s reads %s/%s", stack, kind, w.at("/metadata/name").asText(), name, key).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aConfigChangeRollsThePodsThatReadIt() {
        String annotation = "/spec/template/metadata/annotations/voiceplane.dev~1config-sha256";
        String production = object("ai-ninja-production", "Deployment", "realtime-processor").at(annotation).asText();
        String staging = object("ai-ninja-staging", "Deployment", "realtime-processor").at(annotation).asText();
        assertThat(production).matches("sha256:[0-9a-f]{16}").isNotEqualTo(staging);
        assertThat(object("ai-ninja-production", "Deployment", "user-management").at(annotation).asText()).isEqualTo(production);
    }
}
