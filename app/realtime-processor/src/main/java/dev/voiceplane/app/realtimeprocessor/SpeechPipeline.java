package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.azurespeech.AzureSpeechClient;
import dev.voiceplane.app.azurespeech.AzureSpeechException;
import dev.voiceplane.app.azurespeech.Recognition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one spoken utterance: speech-to-text, the conversation turn, text-to-speech, then the
 * {@code transcript} frame, the {@code reply} frame and the reply audio (ended by an
 * {@code audio-end} frame). Speech-to-text, the turn and text-to-speech share one budget,
 * {@code PROCESSING_PIPELINE_TIMEOUT}, counted from the moment the utterance's end was detected;
 * text-to-speech always gets at least a quarter of it, so a holding reply can still be spoken when
 * an earlier stage used everything. A stage that fails or runs late is counted in
 * {@code voice_processing_failures_total{stage}} and the caller gets the holding reply; nothing
 * heard (NoMatch, silence, noise) is dropped quietly.
 *
 * <p>Meters: {@code realtime_voice_stage_duration_seconds{stage=stt|turn|tts}},
 * {@code realtime_voice_turn_duration_seconds} (end of the caller's speech to the first reply audio
 * sent, or to the reply frame when there is no audio) and {@code realtime_voice_utterances_total{result}}.
 */
final class SpeechPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechPipeline.class);

    private final AzureSpeechClient speech;
    private final ConversationTurns turns;
    private final MeterRegistry metrics;
    private final Duration budget;
    private final Timer voiceTurn;

    SpeechPipeline(AzureSpeechClient speech, ConversationTurns turns, MeterRegistry metrics, Duration budget) {
        this.speech = speech;
        this.turns = turns;
        this.metrics = metrics;
        this.budget = budget;
        this.voiceTurn = histogram(Timer.builder("realtime_voice_turn_duration")
                .description("end of the caller's speech to the first audio of the reply")).register(metrics);
    }

    /** Answers {@code utterance} of {@code call}; runs on the pipeline's executor, never on a socket thread. */
    void answer(CallState call, CallVoice voice, CallVoice.Utterance16k utterance, CallSocket socket, BooleanSupplier draining) {
        long deadline = utterance.endedAt() + budget.toNanos();
        String heard = recognize(call, utterance.pcm(), deadline);
        if (heard != null && heard.isEmpty()) {
            metrics.counter("realtime_voice_utterances", "result", "nothing-heard").increment();
            return;
        }
        ConversationTurns.Reply reply;
        if (heard == null) {
            reply = ConversationTurns.Reply.holding();
        } else {
            socket.send(Map.of("type", "transcript", "callId", call.callId(), "text", heard));
            long start = System.nanoTime();
            reply = turns.answer(call, heard, deadline);
            stage("turn").record(Duration.ofNanos(System.nanoTime() - start));
        }
        byte[] audio = synthesize(call, reply.text(), voice.format(), deadline);
        socket.send(replyFrame(call, reply, audio != null));
        metrics.counter("realtime_voice_utterances", "result", reply.degraded() ? "holding-reply" : "answered").increment();
        if (audio == null) {
            voiceTurn.record(Duration.ofNanos(System.nanoTime() - utterance.endedAt()));
            return;
        }
        Playback playback = new Playback();
        voice.playing(playback);
        long sent = playback.play(socket, audio, voice.format().reply().bytesPerSecond(), draining,
                () -> voiceTurn.record(Duration.ofNanos(System.nanoTime() - utterance.endedAt())));
        voice.playing(null);
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("type", "audio-end");
        end.put("callId", call.callId());
        end.put("bytes", sent);
        end.put("interrupted", sent < audio.length);
        socket.send(end);
    }

    /** What the caller said; empty when nothing was heard, null when speech-to-text failed. */
    private String recognize(CallState call, byte[] pcm, long deadline) {
        long start = System.nanoTime();
        try {
            Recognition result = speech.recognize(pcm, remaining(deadline, Duration.ofMillis(50)));
            return result.heard() ? result.text() : "";
        } catch (AzureSpeechException e) {
            failed(call, "stt", e);
            return null;
        } finally {
            stage("stt").record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The reply's audio in the caller's format, or null when text-to-speech failed. */
    private byte[] synthesize(CallState call, String text, AudioFormat format, long deadline) {
        long start = System.nanoTime();
        try {
            return speech.synthesize(text, format.reply(), remaining(deadline, budget.dividedBy(4)));
        } catch (AzureSpeechException e) {
            failed(call, "tts", e);
            return null;
        } finally {
            stage("tts").record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void failed(CallState call, String stage, AzureSpeechException e) {
        metrics.counter(CallSessions.VOICE_FAILURES, "stage", stage + (e.timeout() ? "-timeout" : "-error")).increment();
        LOG.warn("{} of call {} failed; the caller gets the holding reply: {}", stage, call.callId(), e.getMessage());
    }

    private static Map<String, Object> replyFrame(CallState call, ConversationTurns.Reply reply, boolean audio) {
        Map<String, Object> frame = CallSessions.replyFrame(call, reply);
        frame.put("audio", audio);
        return frame;
    }

    private static Duration remaining(long deadline, Duration floor) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        return left.compareTo(floor) < 0 ? floor : left;
    }

    private Timer stage(String stage) {
        return histogram(Timer.builder("realtime_voice_stage_duration").description("time of one voice pipeline stage")
                .tag("stage", stage)).register(metrics);
    }

    private static Timer.Builder histogram(Timer.Builder builder) {
        return builder.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10));
    }
}
