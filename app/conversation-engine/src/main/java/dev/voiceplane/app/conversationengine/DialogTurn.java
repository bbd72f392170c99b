package dev.voiceplane.app.conversationengine;

/**
 * One exchange of a dialog, as the providers see the history.
 *
 * @param callerText what the caller said
 * @param intent     what the engine took it to mean
 * @param reply      what the assistant answered
 */
public record DialogTurn(String callerText, Intent intent, String reply) {
}
