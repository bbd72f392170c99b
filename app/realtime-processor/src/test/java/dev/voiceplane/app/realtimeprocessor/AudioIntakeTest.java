package dev.voiceplane.app.realtimeprocessor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Caller audio on one socket, with no speech pipeline: utterances are queued on an executor the
 * test runs by hand, so what is in flight can be read between the steps.
 */
class AudioIntakeTest {

    /** One utterance as the endpointer cuts it: 400 ms of tone, then more silence than ends a turn. */
    private static final byte[] UTTERANCE = Tones.pcm16(Tones.concat(Tones.tone(400), Tones.silence(1_000)));

    private final List<Runnable> voiceExecutor = new ArrayList<>();
    private final InFlightTurns work = new InFlightTurns();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final AudioIntake intake = new AudioIntake(Optional.empty(), voiceExecutor::add, work, metrics);
    private final RecordingSocket socket = new RecordingSocket();
    private final CallSession session = new CallSession(new Principal("anna", Set.of(Role.USER), "login-1"), socket);

    private void startCall() {
        CallState call = new CallState("call-1", "anna", null, CallState.AI_ANSWER, "unknown-caller", false, Instant.EPOCH);
        session.call = call;
        session.voice = intake.voiceFor(session, call, AudioFormat.PCM16);
    }

    private void runVoiceExecutor() {
        while (!voiceExecutor.isEmpty()) {
            voiceExecutor.remove(0).run();
        }
    }

    @Test
    void audioBeforeTheStartIsRefusedOnceAndCounted() {
        byte[] frame = new byte[640];
        for (int i = 0; i < 3; i++) {
            intake.accept(session, frame, 0, frame.length);
        }

        assertThat(socket.errors()).containsExactly("bad-request: send a start frame before audio");
        assertThat(metrics.counter("realtime_audio_frames").count()).isEqualTo(3);
        assertThat(metrics.counter("realtime_audio_bytes").count()).isEqualTo(3 * 640);
    }

    @Test
    void audioOfASocketThatIsGoneIsIgnored() {
        intake.accept(null, new byte[640], 0, 640);

        assertThat(metrics.counter("realtime_audio_frames").count()).isZero();
    }

    @Test
    void audioWhileDrainingIsDroppedWithoutAnError() {
        startCall();
        work.drain(Duration.ZERO);

        intake.accept(session, UTTERANCE, 0, UTTERANCE.length);

        assertThat(socket.errors()).isEmpty();
        assertThat(voiceExecutor).as("no utterance is queued while the replica drains").isEmpty();
        assertThat(work.count()).isZero();
    }

    @Test
    void anUtteranceIsInFlightFromTheMomentItIsQueuedUntilItIsAnswered() {
        startCall();

        intake.accept(session, UTTERANCE, 0, UTTERANCE.length);

        assertThat(voiceExecutor).hasSize(1);
        assertThat(work.count()).as("a drain now waits for it").isEqualTo(1);
        runVoiceExecutor();
        assertThat(work.count()).isZero();
        // Without a speech pipeline the answer fails, and the caller's client is told so.
        assertThat(socket.errors()).containsExactly("internal: internal error");
    }

    @Test
    void onlyAFrameSliceIsFedToTheVoice() {
        startCall();
        byte[] padded = new byte[UTTERANCE.length + 100];
        System.arraycopy(UTTERANCE, 0, padded, 50, UTTERANCE.length);

        intake.accept(session, padded, 50, UTTERANCE.length);

        assertThat(voiceExecutor).hasSize(1);
        assertThat(metrics.counter("realtime_audio_bytes").count()).isEqualTo(UTTERANCE.length);
    }

    @Test
    void utterancesBeyondTheQueueAreDroppedAndLeaveNothingInFlight() {
        startCall();

        for (int i = 0; i < CallVoice.MAX_QUEUED + 1; i++) {
            intake.accept(session, UTTERANCE, 0, UTTERANCE.length);
        }

        assertThat(metrics.counter("realtime_voice_utterances", "result", "dropped").count()).isEqualTo(1);
        assertThat(work.count()).isEqualTo(CallVoice.MAX_QUEUED);
        runVoiceExecutor();
        assertThat(work.count()).isZero();
    }

    @Test
    void anUtteranceAfterTheCallEndedIsNotQueued() {
        startCall();
        session.call = null;

        intake.accept(session, UTTERANCE, 0, UTTERANCE.length);

        assertThat(voiceExecutor).isEmpty();
        assertThat(work.count()).isZero();
    }
}
