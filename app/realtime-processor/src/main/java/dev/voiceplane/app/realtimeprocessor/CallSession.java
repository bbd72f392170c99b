package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.auth.Principal;
import java.util.Map;

/**
 * What one call socket holds: who opened it, the way back to its far end, and its call once
 * started. A socket carries at most one call: {@link #call} is null before the start and again
 * once the call is finished, which is how the several ways a call can end (the client's
 * {@code end}, the provider's {@code stop}, the socket closing) finish it only once.
 */
final class CallSession {

    final Principal principal;
    final CallSocket socket;
    volatile CallState call;
    /** The call's voice while the AI takes it; null before the start and for calls put through or blocked. */
    volatile CallVoice voice;
    /** Whether this socket was already told why its audio is not taken (told once, not per frame). */
    boolean audioRefused;

    CallSession(Principal principal, CallSocket socket) {
        this.principal = principal;
        this.socket = socket;
    }

    /** Sends an {@code error} frame; the socket stays open so that the client can send a corrected frame. */
    void error(String code, String message) {
        socket.send(Map.of("type", "error", "code", code, "message", message));
    }
}
