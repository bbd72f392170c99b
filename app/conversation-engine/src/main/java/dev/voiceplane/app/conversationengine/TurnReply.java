package dev.voiceplane.app.conversationengine;

/**
 * The engine's answer to one turn.
 *
 * @param callId     the call
 * @param seq        the turn's number in the call, from 1
 * @param intent     detected intent
 * @param confidence intent confidence, 0–1
 * @param reply      what the assistant says
 * @param provider   who generated it: {@code azure-openai} or {@code offline}
 * @param quality    the reply's quality score, 0–1
 * @param endCall    true when the assistant is done with the caller (an automated call turned away)
 */
public record TurnReply(String callId, int seq, Intent intent, double confidence, String reply, String provider, double quality,
        boolean endCall) {
}
