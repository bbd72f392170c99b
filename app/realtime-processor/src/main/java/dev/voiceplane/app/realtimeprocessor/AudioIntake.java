package dev.voiceplane.app.realtimeprocessor;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caller audio into the pipeline. Frames (a native socket's binary frames, or a provider's decoded
 * media) go to the call's {@link CallVoice} on the socket's own thread, which cuts them into
 * utterances; each utterance is answered by the {@link SpeechPipeline} on the voice executor, never
 * on a socket thread, because barge-in needs that thread free to hear the caller speak over the
 * reply. An utterance counts as {@link InFlightTurns in flight} from the moment it is queued, so a
 * drain waits for the caller's last words to be answered like it waits for a typed turn.
 *
 * <p>Audio before the start frame, or on a call the AI does not take, is refused once per socket
 * (an error frame per 20 ms frame would drown the client); audio while draining is dropped quietly,
 * since the socket closes with 1001 in a moment and the client resumes elsewhere.
 */
final class AudioIntake {

    private static final Logger LOG = LoggerFactory.getLogger(AudioIntake.class);

    private final Optional<SpeechPipeline> speech;
    private final Executor voiceExecutor;
    private final InFlightTurns work;
    private final MeterRegistry metrics;

    /**
     * @param speech        the voice pipeline; empty leaves a call's utterances unanswered (each gets an internal error)
     * @param voiceExecutor where utterances are answered (never a socket thread: barge-in needs it free)
     */
    AudioIntake(Optional<SpeechPipeline> speech, Executor voiceExecutor, InFlightTurns work, MeterRegistry metrics) {
        this.speech = speech;
        this.voiceExecutor = voiceExecutor;
        this.work = work;
        this.metrics = metrics;
    }

    /** The voice of {@code call}, an AI-handled call on {@code session}, hearing audio in {@code format}. */
    CallVoice voiceFor(CallSession session, CallState call, AudioFormat format) {
        CallVoice[] voice = new CallVoice[1];
        voice[0] = new CallVoice(format, Endpointer.Settings.DEFAULT, voiceExecutor, speech.map(SpeechPipeline::speechToText).orElse(null),
                speech.<CallVoice.EarlyReplies>map(pipeline -> words -> pipeline.speculate(call, format, words)).orElse(null),
                utterance -> utterance(session, voice[0], utterance));
        return voice[0];
    }

    /** {@code length} bytes of caller audio at {@code offset} of {@code data}, in the call's format; a null session is a closed socket. */
    void accept(CallSession session, byte[] data, int offset, int length) {
        if (session == null) {
            return;
        }
        metrics.counter("realtime_audio_frames").increment();
        metrics.counter("realtime_audio_bytes").increment(length);
        if (work.draining()) {
            return;
        }
        CallVoice voice = session.voice;
        if (voice == null) {
            if (!session.audioRefused) {
                session.audioRefused = true;
                session.error("bad-request", "send a start frame before audio");
            }
            return;
        }
        try {
            voice.accept(offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length));
        } catch (RuntimeException e) {
            LOG.error("caller audio could not be processed", e);
            session.error("internal", "internal error");
        }
    }

    /** Queues a finished utterance of the session's call behind the call's earlier ones; dropped when too many wait. */
    private void utterance(CallSession session, CallVoice voice, CallVoice.Utterance16k utterance) {
        CallState call = session.call;
        if (call == null || work.draining()) {
            return;
        }
        work.enter();
        boolean queued = voice.enqueue(() -> {
            try {
                speech.orElseThrow().answer(call, voice, utterance, session.socket, work::draining);
            } catch (RuntimeException e) {
                LOG.error("utterance of call {} failed", call.callId(), e);
                session.error("internal", "internal error");
            } finally {
                work.leave();
            }
        });
        if (!queued) {
            work.leave();
            metrics.counter("realtime_voice_utterances", "result", "dropped").increment();
            LOG.warn("call {}: caller speech dropped, {} utterances are already waiting", call.callId(), CallVoice.MAX_QUEUED);
        }
    }
}
