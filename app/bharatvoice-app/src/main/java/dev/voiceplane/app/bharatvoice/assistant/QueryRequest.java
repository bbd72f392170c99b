package dev.voiceplane.app.bharatvoice.assistant;

import dev.voiceplane.app.core.http.Input;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /api/queries} and {@code POST /api/languages/detect}.
 *
 * @param text     the question, 1–1000 characters, in any supported language
 * @param language ISO 639-1 code to answer in; detected from the script when absent
 */
public record QueryRequest(String text, String language) {

    static final int MAX_TEXT = 1_000;
    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    public QueryRequest {
        text = Input.text("text", text, MAX_TEXT);
        if (language != null) {
            Input.matching("language", language, LANGUAGE, "an ISO 639-1 code such as hi");
        }
    }
}
