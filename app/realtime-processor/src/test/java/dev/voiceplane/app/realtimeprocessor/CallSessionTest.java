package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallSessionTest {

    @Test
    void anErrorIsAFrameOnTheSocketThatLeavesItOpenForACorrectedFrame() {
        RecordingSocket socket = new RecordingSocket();
        CallSession session = new CallSession(new Principal("anna", Set.of(Role.USER), "login-1"), socket);

        session.error("bad-request", "send a start frame before turns");

        assertThat(socket.frames).containsExactly(Map.of("type", "error", "code", "bad-request", "message", "send a start frame before turns"));
        assertThat(socket.closed).isNull();
        assertThat(session.call).as("a new socket carries no call until its start").isNull();
    }
}
