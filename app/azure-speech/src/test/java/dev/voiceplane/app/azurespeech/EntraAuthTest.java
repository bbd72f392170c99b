package dev.voiceplane.app.azurespeech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.core.cloud.WorkloadIdentityToken;
import dev.voiceplane.app.core.cloud.testing.EntraTestbed;
import dev.voiceplane.app.core.cloud.testing.EntraTokenStub;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without AZURE_SPEECH_KEY the client sends the pod's Entra token in the form the Speech REST APIs take
 * it: {@code Authorization: Bearer aad#<resource id>#<token>}
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short#authentication).
 */
class EntraAuthTest {
    static final String RESOURCE = "/subscriptions/s/resourceGroups/ai-ninja-production-rg/providers/Microsoft.CognitiveServices/accounts/ai-ninja-production-speech";
    static final String BEARER = "Bearer aad#" + RESOURCE + "#" + EntraTokenStub.token(1, WorkloadIdentityToken.COGNITIVE_SERVICES);
    /** The stand-ins answer at once; the bound only turns a hang into a failure. */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    EntraTestbed azure;

    @BeforeEach
    void start() {
        azure = EntraTestbed.start(BEARER, "{\"RecognitionStatus\":\"Success\",\"DisplayText\":\"hello\"}", "Ocp-Apim-Subscription-Key");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    SpeechEndpoints local() {
        URI base = URI.create(azure.apiUrl());
        return new SpeechEndpoints(base, base);
    }

    ServiceConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put(Env.AZURE_SPEECH_REGION, "centralindia");
        return EntraTestbed.config("realtime-processor", env);
    }

    @Test
    void recognitionCarriesTheResourceIdAndEntraTokenAndNoKey() {
        Map<String, String> env = new HashMap<>(azure.identity(dir.resolve("token")));
        env.put(Env.AZURE_SPEECH_RESOURCE_ID, RESOURCE);
        AzureSpeechClient client = AzureSpeechClient.fromConfig(config(env), region -> local()).orElseThrow();
        Recognition heard = client.recognize(new byte[3200], GENEROUS);
        assertThat(heard.text()).isEqualTo("hello");
        assertThat(azure.seen()).containsExactly(BEARER + " | Ocp-Apim-Subscription-Key=null");
    }

    @Test
    void anIdentityWithoutTheResourceIdFailsTheStartNamingIt() {
        assertThatThrownBy(() -> AzureSpeechClient.fromConfig(config(azure.identity(dir.resolve("token"))), region -> local()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(Env.AZURE_SPEECH_RESOURCE_ID);
        assertThat(azure.entra().paths()).isEmpty();
    }
}
