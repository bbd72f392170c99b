package dev.voiceplane.app.conversationengine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.azureopenai.testing.AzureOpenAiStub;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.ServiceUnderTest;
import dev.voiceplane.app.testkit.StubService;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AzureOpenAiProviderTest {

    static final AzureOpenAiStub AZURE = AzureOpenAiStub.start("azure-test-key");
    static final StubService PROFILES = StubService.start();

    @RegisterExtension
    static final ServiceUnderTest SERVICE = ServiceUnderTest.of("conversation-engine", ConversationEngineModule::new)
            .withEnv(Env.urlOf("profile-analytics"), PROFILES.url())
            .withEnv(AZURE.environment());

    @AfterAll
    static void stopStubs() {
        AZURE.close();
        PROFILES.close();
    }

    private static TestResponse turn(String callId, String text) {
        String token = SERVICE.token("realtime-processor", Role.SERVICE);
        SERVICE.http().post("/api/conversations", Map.of("callId", callId, "userId", "user-1"), token);
        return SERVICE.http().post("/api/conversations/" + callId + "/turns", Map.of("text", text), token);
    }

    @Test
    void repliesComeFromAzureOpenAiWithTheIntentInTheSystemMessage() {
        AZURE.answering(request -> "Hello! How can I help you today?");

        TestResponse reply = turn("azure-1", "Hello there");

        assertThat(reply.text("provider")).isEqualTo("azure-openai");
        assertThat(reply.text("reply")).isEqualTo("Hello! How can I help you today?");
        var sent = AZURE.requests().get(AZURE.requests().size() - 1);
        assertThat(sent.path("messages").path(0).path("content").asText()).contains("greeting");
        assertThat(sent.path("messages").path(1).path("content").asText()).isEqualTo("Hello there");
    }

    @Test
    void whenAzureFailsTheOfflineProviderAnswersAndTheFailureIsCounted() {
        AZURE.failingWith(500);
        try {
            TestResponse reply = turn("azure-2", "I want to book an appointment");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.text("provider")).isEqualTo("offline");
            assertThat(SERVICE.http().get("/metrics", null).raw()).contains("ai_provider_failures_total{provider=\"azure-openai\"");
        } finally {
            AZURE.answering(request -> "ok");
        }
    }

    private static java.util.List<com.fasterxml.jackson.databind.JsonNode> streamedTurn(String callId, String text) throws Exception {
        String token = SERVICE.token("realtime-processor", Role.SERVICE);
        SERVICE.http().post("/api/conversations", Map.of("callId", callId, "userId", "user-1"), token);
        TestResponse response = SERVICE.http().post("/api/conversations/" + callId + "/turns/stream", Map.of("text", text), token);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        java.util.List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
        for (String line : response.raw().split("\n")) {
            lines.add(dev.voiceplane.app.core.http.Json.mapper().readTree(line));
        }
        return lines;
    }

    @Test
    void aStreamedTurnGivesTheModelsPiecesThenTheRecordedTurn() throws Exception {
        AZURE.answering(request -> "Anna is out. Can I take a message?");

        var lines = streamedTurn("azure-3", "Is Anna there?");

        StringBuilder spoken = new StringBuilder();
        lines.subList(0, lines.size() - 1).forEach(line -> spoken.append(line.path("delta").asText()));
        assertThat(lines.size()).isEqualTo(9); // eight words, then the turn
        assertThat(spoken.toString()).isEqualTo("Anna is out. Can I take a message?");
        var turn = lines.get(lines.size() - 1);
        assertThat(turn.path("reply").asText()).isEqualTo("Anna is out. Can I take a message?");
        assertThat(turn.path("provider").asText()).isEqualTo("azure-openai");
        assertThat(turn.path("seq").asInt()).isEqualTo(1);
        assertThat(AZURE.requests().get(AZURE.requests().size() - 1).path("stream").asBoolean()).isTrue();
        var history = SERVICE.http().get("/api/conversations/azure-3", SERVICE.token("realtime-processor", Role.SERVICE)).json();
        assertThat(history.path("turns").path(0).path("reply").asText()).isEqualTo("Anna is out. Can I take a message?");
    }

    @Test
    void aThrottledModelStreamsTheOfflineReplyInstead() throws Exception {
        AZURE.failingWith(429);
        try {
            var lines = streamedTurn("azure-4", "Hello there");

            assertThat(lines).hasSize(2);
            var turn = lines.get(1);
            assertThat(turn.path("provider").asText()).isEqualTo("offline");
            assertThat(lines.get(0).path("delta").asText()).isEqualTo(turn.path("reply").asText()).isNotBlank();
        } finally {
            AZURE.answering(request -> "ok");
        }
    }
}
