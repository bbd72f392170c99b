package dev.voiceplane.app.bharatvoice.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One language's answers: topics with cue words, from {@code knowledge/<language>.json} on the
 * classpath. The emergency topic is tried first whatever its place in the file: "Help! There is a
 * fire" must get the emergency number, not the list of things the assistant can do, in every
 * language ({@link #SAFETY_FIRST}). Latin-script cues match whole words; Indic cues match as substrings, because word
 * boundaries do not fall reliably between combining vowel signs and the letters they attach to.
 */
public final class KnowledgeBase {

    /** A topic the assistant can answer. {@code answer} may contain {@code {time}}. */
    record Topic(String name, List<Pattern> latinCues, List<String> cues, String answer) {
    }

    /** Topics that win over any other topic a query also matches. */
    static final List<String> SAFETY_FIRST = List.of("emergency");

    private final String language;
    private final List<Topic> topics;
    private final String fallback;

    private KnowledgeBase(String language, List<Topic> topics, String fallback) {
        this.language = language;
        List<Topic> ordered = new ArrayList<>(topics);
        // Stable: the file's order holds among the rest.
        ordered.sort(java.util.Comparator.comparingInt(t -> SAFETY_FIRST.contains(t.name()) ? 0 : 1));
        this.topics = List.copyOf(ordered);
        this.fallback = fallback;
    }

    /** The knowledge base of {@code language}; fails naming the missing resource. */
    public static KnowledgeBase load(String language) {
        String resource = "knowledge/" + language + ".json";
        try (InputStream in = KnowledgeBase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no knowledge base for language '" + language + "' (" + resource + ")");
            }
            JsonNode root = Json.mapper().readTree(in);
            List<Topic> topics = new ArrayList<>();
            for (JsonNode topic : root.path("topics")) {
                List<Pattern> latin = new ArrayList<>();
                List<String> cues = new ArrayList<>();
                for (JsonNode keyword : topic.path("keywords")) {
                    String cue = keyword.asText().toLowerCase(Locale.ROOT);
                    if (cue.chars().allMatch(c -> c < 0x250)) {
                        latin.add(Pattern.compile("\\b" + Pattern.quote(cue) + "\\b"));
                    } else {
                        cues.add(cue);
                    }
                }
                topics.add(new Topic(topic.path("topic").asText(), latin, cues, topic.path("answer").asText()));
            }
            return new KnowledgeBase(language, topics, root.path("fallback").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public String language() {
        return language;
    }

    /** The first topic whose cue the query contains, or empty. */
    public java.util.Optional<Topic> match(String query) {
        String lower = query.toLowerCase(Locale.ROOT);
        return topics.stream()
                .filter(t -> t.latinCues().stream().anyMatch(p -> p.matcher(lower).find()) || t.cues().stream().anyMatch(lower::contains))
                .findFirst();
    }

    /** The topics in the order {@link #match} tries them. */
    List<Topic> topicsInOrder() {
        return topics;
    }

    public String fallback() {
        return fallback;
    }
}
