package dev.voiceplane.app.azureopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.voiceplane.app.core.cloud.testing.EntraTokenStub;
import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.EnvVar;
import dev.voiceplane.catalog.ServiceCatalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without AZURE_OPENAI_KEY the client authenticates with the pod's workload identity (local auth off on the resource). */
class EntraAuthTest {
    static final String TENANT = "00000000-0000-0000-0000-00000000000a";
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;
    EntraTokenStub entra;
    HttpServer openAi;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        entra = EntraTokenStub.start(TENANT, CLIENT);
        openAi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        openAi.createContext("/openai/deployments/", exchange -> {
            seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " | api-key=" + exchange.getRequestHeaders().getFirst("api-key"));
            // Azure OpenAI answers 401 unless the bearer token is one Entra issued for the Cognitive Services scope.
            boolean ok = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))
                    .equals("Bearer token-1-for-https://cognitiveservices.azure.com/.default");
            byte[] body = (ok ? "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"hello\"}}]}"
                    : "{\"error\":{\"code\":\"401\",\"message\":\"Access denied\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        openAi.start();
    }

    @AfterEach
    void stop() {
        openAi.stop(0);
        entra.close();
    }

    ServiceConfig config(Map<String, String> extra) {
        var spec = ServiceCatalog.get("conversation-analyzer");
        Map<String, String> env = new HashMap<>(extra);
        spec.env().stream().filter(EnvVar::required).forEach(v -> env.putIfAbsent(v.name(), "1"));
        env.put(Env.AZURE_OPENAI_ENDPOINT, "http://127.0.0.1:" + openAi.getAddress().getPort());
        return ServiceConfig.load(spec, env);
    }

    @Test
    void aWorkloadIdentityTokenGoesInAuthorizationBearerAndNoKeyIsSent() {
        AzureOpenAiClient client = AzureOpenAiClient.fromConfig(config(entra.environment(dir.resolve("token"), "cluster-jwt")),
                Duration.ofSeconds(10)).orElseThrow();
        assertThat(client.complete(List.of(ChatMessage.user("hi")), 10, 0.0)).isEqualTo("hello");
        assertThat(client.complete(List.of(ChatMessage.user("again")), 10, 0.0)).isEqualTo("hello");
        assertThat(seen).containsOnly("Bearer token-1-for-https://cognitiveservices.azure.com/.default | api-key=null");
        // One exchange for both calls: the token is cached.
        assertThat(entra.issued()).isEqualTo(1);
    }

    @Test
    void anEndpointWithNeitherKeyNorIdentityFailsTheStart() {
        assertThatThrownBy(() -> AzureOpenAiClient.fromConfig(config(Map.of()), Duration.ofSeconds(10)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("neither AZURE_OPENAI_KEY nor a workload identity");
    }
}
