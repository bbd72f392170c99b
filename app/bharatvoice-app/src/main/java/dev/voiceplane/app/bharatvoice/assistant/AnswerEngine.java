package dev.voiceplane.app.bharatvoice.assistant;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers offline from a small knowledge base per supported language: the topic whose cue words
 * the query contains, or the language's fallback answer. Only the languages in
 * {@code SUPPORTED_LANGUAGES} are loaded.
 */
public final class AnswerEngine {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Map<String, KnowledgeBase> bases = new LinkedHashMap<>();
    private final Clock clock;

    public AnswerEngine(List<String> languages, Clock clock) {
        this.clock = clock;
        for (String language : languages) {
            bases.put(language, KnowledgeBase.load(language));
        }
    }

    public boolean supports(String language) {
        return bases.containsKey(language);
    }

    public List<String> languages() {
        return List.copyOf(bases.keySet());
    }

    /** The topic recognised and the answer's text. */
    public record Reply(String topic, String text) {
    }

    /** The answer to {@code query} in {@code language} (which must be supported). */
    public Reply answer(String query, String language) {
        KnowledgeBase base = bases.get(language);
        return base.match(query)
                .map(topic -> new Reply(topic.name(), topic.answer().replace("{time}", TIME.format(clock.instant().atZone(INDIA)))))
                .orElseGet(() -> new Reply("unknown", base.fallback()));
    }
}
