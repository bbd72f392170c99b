package dev.voiceplane.app.bharatvoice.assistant;

/**
 * The assistant's answer to a query.
 *
 * @param queryId    id of the logged query
 * @param language   the language answered in
 * @param script     the script the query was written in
 * @param confidence how sure the language detection was (1 when the caller named the language)
 * @param topic      the topic recognised, or {@code unknown}
 * @param answer     the text of the answer
 */
public record Answer(String queryId, String language, String script, double confidence, String topic, String answer) {
}
