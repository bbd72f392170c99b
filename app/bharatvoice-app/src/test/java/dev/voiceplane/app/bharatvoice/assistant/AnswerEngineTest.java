package dev.voiceplane.app.bharatvoice.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerEngineTest {

    private final AnswerEngine engine = new AnswerEngine(AssistantModule.KNOWN_LANGUAGES,
            Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC));

    @Test
    void anEmergencyWinsOverAGenericHelpRequestInEnglish() {
        AnswerEngine.Reply reply = engine.answer("Help! There is a fire, emergency", "en");
        assertThat(reply.topic()).isEqualTo("emergency");
        assertThat(reply.text()).contains("112");
        assertThat(engine.answer("help, what can you do?", "en").topic()).isEqualTo("help");
    }

    @Test
    void anEmergencyWinsOverAGenericHelpRequestInHindi() {
        AnswerEngine.Reply reply = engine.answer("मदद! आग लगी है, आपातकाल", "hi");
        assertThat(reply.topic()).isEqualTo("emergency");
        assertThat(reply.text()).contains("112");
        assertThat(engine.answer("नमस्ते, मदद चाहिए", "hi").topic()).isNotEqualTo("emergency");
    }

    @Test
    void everyLanguagesEmergencyAnswerGivesTheEmergencyNumber() {
        for (String language : List.of("en", "hi", "mr", "ta", "te", "bn", "gu", "kn", "ml", "pa")) {
            assertThat(KnowledgeBase.load(language).topicsInOrder().get(0).name()).as(language).isEqualTo("emergency");
        }
    }
}
