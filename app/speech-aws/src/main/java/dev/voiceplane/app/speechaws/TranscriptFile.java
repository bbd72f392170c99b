package dev.voiceplane.app.speechaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceplane.app.speech.SpeechException;
import java.io.IOException;
import java.util.Optional;

/**
 * The transcript file a finished Transcribe job writes at its TranscriptFileUri
 * (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html#how-output):
 * {@code {"jobName", "accountId", "status": "COMPLETED", "results": {"transcripts": [{"transcript": "..."}],
 * "items": [...], "language_code": "hi-IN", "language_identification": [{"code", "score"}]}}}. The last two
 * are there only when the job identified the language. Scores and confidences are strings.
 */
record TranscriptFile(String text, Optional<String> languageCode, Optional<Double> languageScore) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TranscriptFile parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new SpeechException("the Transcribe result is not JSON: " + e.getMessage(), false, e);
        }
        JsonNode results = root.path("results");
        JsonNode transcripts = results.path("transcripts");
        if (!transcripts.isArray()) {
            throw new SpeechException("the Transcribe result has no results.transcripts", false, null);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode t : transcripts) {
            String part = t.path("transcript").asText("").trim();
            if (!part.isEmpty()) {
                text.append(text.length() == 0 ? "" : " ").append(part);
            }
        }
        Optional<String> code = Optional.ofNullable(results.path("language_code").textValue());
        Optional<Double> score = Optional.empty();
        for (JsonNode candidate : results.path("language_identification")) {
            if (code.isPresent() && code.get().equals(candidate.path("code").asText())) {
                score = Optional.of(candidate.path("score").asDouble());
            }
        }
        return new TranscriptFile(text.toString(), code, score);
    }
}
