package dev.voiceplane.app.azurespeech;

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
import java.net.URI;
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

/**
 * Without AZURE_SPEECH_KEY the client sends the pod's Entra token in the form the Speech REST APIs take
 * it: {@code Authorization: Bearer aad#<resource id>#<token>}
 * (https://learn.microsoft.com/azure/ai-services/speech-service/rest-speech-to-text-short#authentication).
 */
class EntraAuthTest {
    static final String TENANT = "00000000-0000-0000-0000-00000000000a";
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    static final String RESOURCE = "/subscriptions/s/resourceGroups/ai-ninja-production-rg/providers/Microsoft.CognitiveServices/accounts/ai-ninja-production-speech";

    @TempDir
    Path dir;
    EntraTokenStub entra;
    HttpServer speech;
    final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        entra = EntraTokenStub.start(TENANT, CLIENT);
        speech = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        speech.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " | key="
                    + exchange.getRequestHeaders().getFirst("Ocp-Apim-Subscription-Key"));
            boolean ok = ("Bearer aad#" + RESOURCE + "#token-1-for-https://cognitiveservices.azure.com/.default")
                    .equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (ok ? "{\"RecognitionStatus\":\"Success\",\"DisplayText\":\"hello\"}" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        speech.start();
    }

    @AfterEach
    void stop() {
        speech.stop(0);
        entra.close();
    }

    SpeechEndpoints local() {
        URI base = URI.create("http://127.0.0.1:" + speech.getAddress().getPort());
        return new SpeechEndpoints(base, base);
    }

    ServiceConfig config(Map<String, String> extra) {
        var spec = ServiceCatalog.get("realtime-processor");
        Map<String, String> env = new HashMap<>(extra);
        spec.env().stream().filter(EnvVar::required).forEach(v -> env.putIfAbsent(v.name(), "1"));
        env.put(Env.AZURE_SPEECH_REGION, "centralindia");
        return ServiceConfig.load(spec, env);
    }

    @Test
    void recognitionCarriesTheResourceIdAndEntraTokenAndNoKey() {
        Map<String, String> env = new HashMap<>(entra.environment(dir.resolve("token"), "cluster-jwt"));
        env.put(Env.AZURE_SPEECH_RESOURCE_ID, RESOURCE);
        AzureSpeechClient client = AzureSpeechClient.fromConfig(config(env), region -> local()).orElseThrow();
        Recognition heard = client.recognize(new byte[3200], Duration.ofSeconds(10));
        assertThat(heard.text()).isEqualTo("hello");
        assertThat(seen).containsExactly("Bearer aad#" + RESOURCE + "#token-1-for-https://cognitiveservices.azure.com/.default | key=null");
    }

    @Test
    void anIdentityWithoutTheResourceIdFailsTheStartNamingIt() {
        assertThatThrownBy(() -> AzureSpeechClient.fromConfig(config(entra.environment(dir.resolve("token"), "jwt")), region -> local()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(Env.AZURE_SPEECH_RESOURCE_ID);
        assertThat(entra.paths()).isEmpty();
    }
}
