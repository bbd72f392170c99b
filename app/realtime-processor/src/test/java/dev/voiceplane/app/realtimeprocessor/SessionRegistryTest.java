package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {

    private final SessionRegistry registry = new SessionRegistry();

    private static CallSession of(String subject) {
        return new CallSession(new Principal(subject, Set.of(Role.USER), "login-1"), new RecordingSocket());
    }

    @Test
    void socketsAreCountedPerSubjectOfTheirToken() {
        registry.add("s1", of("anna"));
        registry.add("s2", of("anna"));
        registry.add("s3", of("ben"));

        assertThat(registry.size()).isEqualTo(3);
        assertThat(registry.heldBy("anna")).isEqualTo(2);
        assertThat(registry.heldBy("ben")).isEqualTo(1);
        assertThat(registry.heldBy("carla")).isZero();
    }

    @Test
    void aSocketIsRemovedOnceAndIsGoneAfterwards() {
        CallSession anna = of("anna");
        registry.add("s1", anna);

        assertThat(registry.remove("s1")).isSameAs(anna);
        assertThat(registry.remove("s1")).as("a second close finds nothing to finish").isNull();
        assertThat(registry.get("s1")).isNull();
        assertThat(registry.heldBy("anna")).isZero();
    }
}
