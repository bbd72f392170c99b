package dev.voiceplane.app.realtimeprocessor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The call sockets open on this replica, by WebSocket session id. Native sockets and every
 * telephony adapter's sockets share it, because they share the replica's capacity: admission
 * ({@link CallAdmission}) counts what is here, and the call protocol finds a socket's
 * {@link CallSession} here. A socket is entered before its last admission check, so that two
 * sockets racing for the last slot each see the other, and leaves when it closes or is refused.
 */
final class SessionRegistry {

    private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();

    void add(String sessionId, CallSession session) {
        sessions.put(sessionId, session);
    }

    /** The socket's session, or null for a socket that was refused or has closed. */
    CallSession get(String sessionId) {
        return sessions.get(sessionId);
    }

    /** Takes the socket out; its session, or null when it was not here (a second close, a refused socket). */
    CallSession remove(String sessionId) {
        return sessions.remove(sessionId);
    }

    int size() {
        return sessions.size();
    }

    /** Sockets opened with a token of {@code subject} (a user, or a gateway's service name). */
    long heldBy(String subject) {
        return sessions.values().stream().filter(s -> s.principal.subject().equals(subject)).count();
    }
}
