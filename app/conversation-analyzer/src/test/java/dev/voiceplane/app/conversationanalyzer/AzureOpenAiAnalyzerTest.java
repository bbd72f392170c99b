package dev.voiceplane.app.conversationanalyzer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.azureopenai.testing.AzureOpenAiStub;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureOpenAiAnalyzerTest {

    static final AzureOpenAiStub AZURE = AzureOpenAiStub.start("azure-test-key");
    static final StubService PROFILES = StubService.start();

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("conversation-analyzer", ConversationAnalyzerModule::new)
            .withEnv(Env.urlOf("profile-analytics"), PROFILES.url())
            .withEnv(AZURE.environment());

    @AfterAll
    static void stopStubs() {
        AZURE.close();
        PROFILES.close();
    }

    private static TestResponse analyse(String callId) {
        return SERVICE.http().post("/api/analyses", Map.of("callId", callId, "userId", "user-1", "transcript",
                List.of(Map.of("speaker", "CALLER", "text", "Could we take a few questions for a survey?"))),
                SERVICE.token("realtime-processor", Role.SERVICE));
    }

    @Test
    void azureOpenAisJsonBecomesTheAnalysis() {
        AZURE.answering(request -> """
                {"summary":"A survey call.","sentiment":"NEUTRAL","sentimentScore":0.1,"category":"SURVEY","quality":0.9}""");

        TestResponse analysis = analyse("az-1");

        assertThat(analysis.text("analyzer")).isEqualTo("azure-openai");
        assertThat(analysis.text("summary")).isEqualTo("A survey call.");
        assertThat(analysis.json().path("quality").asDouble()).isEqualTo(0.9);
        assertThat(AZURE.requests().get(AZURE.requests().size() - 1).path("messages").path(1).path("content").asText())
                .contains("caller: Could we take a few questions");
    }

    @Test
    void anAnswerThatIsNotTheExpectedJsonFallsBackToTheOfflineAnalyzer() {
        AZURE.answering(request -> "I think this was a survey.");

        TestResponse analysis = analyse("az-2");

        assertThat(analysis.status()).isEqualTo(201);
        assertThat(analysis.text("analyzer")).isEqualTo("offline");
        assertThat(analysis.text("category")).isEqualTo("SURVEY");
        assertThat(SERVICE.http().get("/metrics", null).raw()).contains("analyzer_failures_total{analyzer=\"azure-openai\"");
    }
}
