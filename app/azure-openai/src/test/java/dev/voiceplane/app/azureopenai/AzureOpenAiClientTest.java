package dev.voiceplane.app.azureopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceplane.app.azureopenai.testing.AzureOpenAiStub;
import dev.voiceplane.app.core.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class AzureOpenAiClientTest {

    private static final AzureOpenAiStub STUB = AzureOpenAiStub.start("test-key");
    /** The stub answers at once; the bound only turns a hang into a failure, never a busy machine. */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @AfterAll
    static void stopStub() {
        STUB.close();
    }

    @Test
    void aBaseEndpointGetsTheDefaultDeploymentAndApiVersion() {
        assertThat(AzureOpenAiClient.completionsUrl("https://res.openai.azure.com/")).isEqualTo(URI.create(
                "https://res.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-06-01"));
    }

    @Test
    void aDeploymentEndpointKeepsItsDeploymentAndApiVersion() {
        assertThat(AzureOpenAiClient.completionsUrl("https://res.openai.azure.com/openai/deployments/dialog?api-version=2024-10-21"))
                .isEqualTo(URI.create("https://res.openai.azure.com/openai/deployments/dialog/chat/completions?api-version=2024-10-21"));
    }

    @Test
    void anEndpointThatIsNotAUrlIsAConfigurationError() {
        assertThatThrownBy(() -> AzureOpenAiClient.completionsUrl("res.openai.azure.com"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AZURE_OPENAI_ENDPOINT");
    }

    @Test
    void sendsTheMessagesWithTheKeyAndReturnsTheFirstChoice() {
        STUB.answering(request -> "echo: " + request.path("messages").path(1).path("content").asText());
        AzureOpenAiClient client = new AzureOpenAiClient(AzureOpenAiClient.completionsUrl(STUB.endpoint()), "test-key", GENEROUS);

        String answer = client.complete(List.of(ChatMessage.system("be brief"), ChatMessage.user("hello")), 50, 0.2);

        assertThat(answer).isEqualTo("echo: hello");
        assertThat(STUB.requests().get(STUB.requests().size() - 1).path("max_tokens").asInt()).isEqualTo(50);
    }

    @Test
    void aWrongKeyFailsWithAzuresMessageAndNeverTheKey() {
        AzureOpenAiClient client = new AzureOpenAiClient(AzureOpenAiClient.completionsUrl(STUB.endpoint()), "wrong-key", GENEROUS);

        assertThatThrownBy(() -> client.complete(List.of(ChatMessage.user("hi")), 10, 0))
                .isInstanceOf(AzureOpenAiException.class)
                .hasMessageContaining("401").hasMessageContaining("invalid subscription key").hasMessageNotContaining("wrong-key");
    }

    @Test
    void aStreamedAnswerArrivesPieceByPieceAndWhole() {
        STUB.answering(request -> "Anna is out. Can I take a message?");
        AzureOpenAiClient client = new AzureOpenAiClient(AzureOpenAiClient.completionsUrl(STUB.endpoint()), "test-key", Duration.ofSeconds(10));
        List<String> pieces = new java.util.ArrayList<>();

        String answer = client.stream(List.of(ChatMessage.user("is Anna there?")), 50, 0.2, pieces::add);

        assertThat(answer).isEqualTo("Anna is out. Can I take a message?");
        assertThat(pieces).containsExactly("Anna", " is", " out.", " Can", " I", " take", " a", " message?");
        assertThat(STUB.requests().get(STUB.requests().size() - 1).path("stream").asBoolean()).isTrue();
    }

    @Test
    void aStreamThatEndsBeforeDoneIsAFailureNotAShortAnswer() {
        STUB.answering(request -> "Anna is out.").cuttingStreamsShort(true);
        AzureOpenAiClient client = new AzureOpenAiClient(AzureOpenAiClient.completionsUrl(STUB.endpoint()), "test-key", Duration.ofSeconds(10));
        try {
            assertThatThrownBy(() -> client.stream(List.of(ChatMessage.user("hi")), 10, 0, piece -> { }))
                    .isInstanceOf(AzureOpenAiException.class).hasMessageContaining("before [DONE]");
        } finally {
            STUB.cuttingStreamsShort(false);
        }
    }

    @Test
    void aThrottledStreamFailsWithAzuresStatusAndMessage() {
        STUB.failingWith(429);
        AzureOpenAiClient client = new AzureOpenAiClient(AzureOpenAiClient.completionsUrl(STUB.endpoint()), "test-key", Duration.ofSeconds(10));
        List<String> pieces = new java.util.ArrayList<>();
        try {
            assertThatThrownBy(() -> client.stream(List.of(ChatMessage.user("hi")), 10, 0, pieces::add))
                    .isInstanceOf(AzureOpenAiException.class).hasMessageContaining("429").hasMessageContaining("stub failure");
            assertThat(pieces).isEmpty();
        } finally {
            STUB.answering(request -> "stub answer");
        }
    }

    @Test
    void aListenerThatGoesAwayStopsTheStream() {
        STUB.answering(request -> "one two three four");
        AzureOpenAiClient client = new AzureOpenAiClient(AzureOpenAiClient.completionsUrl(STUB.endpoint()), "test-key", Duration.ofSeconds(10));
        List<String> pieces = new java.util.ArrayList<>();

        assertThatThrownBy(() -> client.stream(List.of(ChatMessage.user("hi")), 10, 0, piece -> {
            pieces.add(piece);
            throw new IllegalStateException("caller hung up");
        })).isInstanceOf(IllegalStateException.class).hasMessage("caller hung up");
        assertThat(pieces).containsExactly("one");
    }
}
