package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.speech.Sentences;
import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechToText;
import dev.voiceplane.app.speech.TextToSpeech;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one spoken utterance: the end of its recognition (which ran while the caller spoke), the
 * conversation turn, then text-to-speech sentence by sentence with each sentence's audio sent as it
 * arrives, after the {@code transcript} and {@code reply} frames (the reply audio ends with an
 * {@code audio-end} frame). Speech-to-text, the turn and the first sentence share one budget,
 * {@code PROCESSING_PIPELINE_TIMEOUT}, counted from the moment the utterance's end was detected;
 * text-to-speech always gets at least a quarter of it, so a holding reply can still be spoken. A
 * stage that fails or runs late is counted in {@code voice_processing_failures_total{stage}} and the
 * caller gets the holding reply; nothing heard, or a backchannel said over the reply, gets no answer.
 *
 * <p>Meters: {@code realtime_voice_stage_duration_seconds{stage=stt|turn|tts}} (tts: to the first
 * audio), {@code realtime_voice_turn_duration_seconds} (end of the caller's speech to the first reply
 * audio sent, or to the reply frame when there is no audio) and {@code realtime_voice_utterances_total{result}}.
 */
final class SpeechPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechPipeline.class);

    private final SpeechToText speechToText;
    private final TextToSpeech textToSpeech;
    private final ConversationTurns turns;
    private final MeterRegistry metrics;
    private final Duration budget;
    private final Executor synthesis;
    private final Timer voiceTurn;

    SpeechPipeline(SpeechToText speechToText, TextToSpeech textToSpeech, ConversationTurns turns, MeterRegistry metrics, Duration budget,
            Executor synthesis) {
        this.speechToText = speechToText;
        this.textToSpeech = textToSpeech;
        this.turns = turns;
        this.metrics = metrics;
        this.budget = budget;
        this.synthesis = synthesis;
        this.voiceTurn = histogram(Timer.builder("realtime_voice_turn_duration")
                .description("end of the caller's speech to the first audio of the reply")).register(metrics);
        for (String result : List.of("answered", "holding-reply", "nothing-heard", "dropped", "backchannel")) {
            metrics.counter("realtime_voice_utterances", "result", result);
        }
    }

    SpeechToText speechToText() {
        return speechToText;
    }

    /** Answers {@code utterance} of {@code call}; runs on the pipeline's executor, never on a socket thread. */
    void answer(CallState call, CallVoice voice, CallVoice.Utterance16k utterance, CallSocket socket, BooleanSupplier draining) {
        long deadline = utterance.endedAt() + budget.toNanos();
        String heard = recognize(call, utterance, deadline);
        if (heard != null && (heard.isEmpty() || utterance.overReply() && TurnDetector.backchannel(heard))) {
            metrics.counter("realtime_voice_utterances", "result", heard.isEmpty() ? "nothing-heard" : "backchannel").increment();
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
        Playback playback = new Playback();
        voice.playing(playback);
        try {
            boolean audio = synthesize(call, reply.text(), voice.format(), deadline, playback);
            socket.send(replyFrame(call, reply, audio));
            metrics.counter("realtime_voice_utterances", "result", reply.degraded() ? "holding-reply" : "answered").increment();
            if (!audio) {
                voiceTurn.record(Duration.ofNanos(System.nanoTime() - utterance.endedAt()));
                return;
            }
            long sent = playback.play(socket, voice.format().reply().bytesPerSecond(), draining,
                    () -> voiceTurn.record(Duration.ofNanos(System.nanoTime() - utterance.endedAt())));
            if (playback.bargedIn()) {
                socket.clearAudio();
            } else {
                socket.audioDone(call.callId() + "-" + (reply.seq() == null ? "holding" : reply.seq()));
            }
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("type", "audio-end");
            end.put("callId", call.callId());
            end.put("bytes", sent);
            end.put("interrupted", playback.stopped());
            socket.send(end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            playback.stop();
            voice.playing(null);
        }
    }

    /** What the caller said; empty when nothing was heard, null when speech-to-text failed. */
    private String recognize(CallState call, CallVoice.Utterance16k utterance, long deadline) {
        long start = System.nanoTime();
        SpeechToText.Recognition recognition = utterance.recognition();
        if (recognition == null) { // speech began before this replica had speech-to-text: recognise it whole now
            recognition = speechToText.start(words -> { });
            recognition.accept(utterance.pcm());
        }
        try {
            return recognition.finish(remaining(deadline, Duration.ofMillis(50))).trim();
        } catch (SpeechException e) {
            failed(call, "stt", e);
            return null;
        } finally {
            stage("stt").record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * Starts speaking {@code text} sentence by sentence into {@code playback} and waits for its first
     * audio; false when the first sentence gave none (text-to-speech failed or was late).
     */
    private boolean synthesize(CallState call, String text, AudioFormat format, long deadline, Playback playback) throws InterruptedException {
        long start = System.nanoTime();
        Duration first = remaining(deadline, budget.dividedBy(4));
        synthesis.execute(() -> {
            boolean firstSentence = true;
            try {
                for (String sentence : Sentences.of(text)) {
                    // Later sentences are spoken while earlier ones play: they get a whole budget each.
                    textToSpeech.speak(sentence, format.reply(), playback::offer, firstSentence ? first : budget);
                    firstSentence = false;
                    if (playback.stopped()) {
                        break;
                    }
                }
            } catch (SpeechException e) {
                failed(call, "tts", e);
            } catch (RuntimeException e) {
                LOG.error("text-to-speech of call {} failed", call.callId(), e);
            } finally {
                playback.end();
            }
        });
        boolean audio = playback.awaitFirst(first.toNanos() + Duration.ofMillis(50).toNanos());
        stage("tts").record(Duration.ofNanos(System.nanoTime() - start));
        return audio;
    }

    private void failed(CallState call, String stage, SpeechException e) {
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
