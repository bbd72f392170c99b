package dev.voiceplane.app.conversationengine;

import dev.voiceplane.app.core.http.Input;

/**
 * Body of {@code POST /api/conversations/{callId}/turns}.
 *
 * @param text what the caller said (transcribed), 1–2000 characters
 */
public record TurnRequest(String text) {

    public TurnRequest {
        text = Input.text("text", text, Ids.MAX_TEXT);
    }
}
