package dev.voiceplane.app.azureopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.core.cloud.WorkloadIdentityToken;
import dev.voiceplane.app.core.cloud.testing.EntraTestbed;
import dev.voiceplane.app.core.cloud.testing.EntraTokenStub;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without AZURE_OPENAI_KEY the client authenticates with the pod's workload identity (local auth off on the resource). */
class EntraAuthTest {
    /** Azure OpenAI takes an Entra token for the Cognitive Services scope as a plain bearer token. */
    static final String BEARER = "Bearer " + EntraTokenStub.token(1, WorkloadIdentityToken.COGNITIVE_SERVICES);
    /** The stand-ins answer at once; the bound only turns a hang into a failure. */
    static final Duration GENEROUS = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    EntraTestbed azure;

    @BeforeEach
    void start() {
        azure = EntraTestbed.start(BEARER, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello\"}}]}", "api-key");
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    ServiceConfig config(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put(Env.AZURE_OPENAI_ENDPOINT, azure.apiUrl());
        return EntraTestbed.config("conversation-analyzer", env);
    }

    @Test
    void aWorkloadIdentityTokenGoesInAuthorizationBearerAndNoKeyIsSent() {
        AzureOpenAiClient client = AzureOpenAiClient.fromConfig(config(azure.identity(dir.resolve("token"))), GENEROUS).orElseThrow();
        assertThat(client.complete(List.of(ChatMessage.user("hi")), 10, 0.0)).isEqualTo("hello");
        assertThat(client.complete(List.of(ChatMessage.user("again")), 10, 0.0)).isEqualTo("hello");
        assertThat(azure.seen()).containsOnly(BEARER + " | api-key=null");
        // One exchange for both calls: the token is cached.
        assertThat(azure.entra().issued()).isEqualTo(1);
    }

    @Test
    void anEndpointWithNeitherKeyNorIdentityFailsTheStart() {
        assertThatThrownBy(() -> AzureOpenAiClient.fromConfig(config(Map.of()), GENEROUS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("neither AZURE_OPENAI_KEY nor a workload identity");
    }
}
