package dev.voiceplane.app.core.http;

/**
 * The JSON every error answers with.
 *
 * @param status        the HTTP status
 * @param error         the status' reason phrase
 * @param message       what went wrong, for a person; never contains a secret or token
 * @param correlationId the request's correlation id, to find its log lines
 */
public record ErrorBody(int status, String error, String message, String correlationId) {
}
