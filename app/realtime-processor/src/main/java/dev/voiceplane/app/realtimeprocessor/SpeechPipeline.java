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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one spoken utterance: the end of its recognition (which ran while the caller spoke), the
 * conversation turn, then text-to-speech sentence by sentence with each sentence's audio sent as it
 * arrives, after the {@code transcript} frame (the reply audio ends with an {@code audio-end} frame;
 * the {@code reply} frame comes before the audio when the reply's text is complete by then, else
 * when it is). Speech-to-text, the turn and the first sentence share one budget,
 * {@code PROCESSING_PIPELINE_TIMEOUT}, counted from the moment the utterance's end was detected;
 * text-to-speech always gets at least a quarter of it, so a holding reply can still be spoken. A
 * stage that fails or runs late is counted in {@code voice_processing_failures_total{stage}} and the
 * caller gets the holding reply; nothing heard, or a backchannel said over the reply, gets no answer.
 *
 * <p>Two chains ({@link VoiceChain}). Streaming (the default): the dialog's reply is streamed and its
 * first sentence synthesized while the model writes the rest, and a reply to complete-looking
 * partial words may start before the turn has ended ({@link #speculate}), kept when the final words
 * match. Whole turns: each stage waits for the one before to finish (the load benchmark's peer).
 *
 * <p>Meters: {@code realtime_voice_stage_duration_seconds{stage=stt|turn|tts}} (turn: to the first
 * sentence; tts: first sentence to its first audio), {@code realtime_voice_turn_duration_seconds} (end
 * of the caller's speech to the first reply audio sent, or to the reply frame when there is no
 * audio), {@code realtime_voice_utterances_total{result}} and {@code realtime_voice_early_replies_total{result}}.
 */
final class SpeechPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(SpeechPipeline.class);

    private final SpeechToText speechToText;
    private final TextToSpeech textToSpeech;
    private final ConversationTurns turns;
    private final MeterRegistry metrics;
    private final Duration budget;
    private final Executor synthesis;
    private final VoiceChain chain;
    private final Timer voiceTurn;

    SpeechPipeline(SpeechToText speechToText, TextToSpeech textToSpeech, ConversationTurns turns, MeterRegistry metrics, Duration budget,
            Executor synthesis, VoiceChain chain) {
        this.speechToText = speechToText;
        this.textToSpeech = textToSpeech;
        this.turns = turns;
        this.metrics = metrics;
        this.budget = budget;
        this.synthesis = synthesis;
        this.chain = chain;
        this.voiceTurn = histogram(Timer.builder("realtime_voice_turn_duration")
                .description("end of the caller's speech to the first audio of the reply")).register(metrics);
        for (String result : List.of("answered", "holding-reply", "nothing-heard", "dropped", "backchannel")) {
            metrics.counter("realtime_voice_utterances", "result", result);
        }
        for (String result : List.of("kept", "discarded")) {
            metrics.counter("realtime_voice_early_replies", "result", result);
        }
    }

    SpeechToText speechToText() {
        return speechToText;
    }

    /**
     * Starts the reply to {@code words}, partial words that look complete, before the caller's turn
     * has ended, so the model's first sentence and its audio are on their way when it ends; null in
     * the whole-turn chain. The dialog's turn is recorded only if the reply is kept.
     */
    ReplyStream speculate(CallState call, AudioFormat format, String words) {
        if (chain != VoiceChain.STREAMING) {
            return null;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        return reply(call, words, (sentence, abandoned) -> turns.stream(call, words, deadline, sentence, abandoned), format, deadline);
    }

    /** Answers {@code utterance} of {@code call}; runs on the pipeline's executor, never on a socket thread. */
    void answer(CallState call, CallVoice voice, CallVoice.Utterance16k utterance, CallSocket socket, BooleanSupplier draining) {
        long deadline = utterance.endedAt() + budget.toNanos();
        String heard = recognize(call, utterance, deadline);
        ReplyStream early = utterance.earlyReply();
        if (heard != null && (heard.isEmpty() || utterance.overReply() && TurnDetector.backchannel(heard))) {
            if (early != null) {
                early.cancel();
            }
            metrics.counter("realtime_voice_utterances", "result", heard.isEmpty() ? "nothing-heard" : "backchannel").increment();
            return;
        }
        ReplyStream reply;
        if (heard == null) {
            if (early != null) {
                early.cancel();
            }
            reply = reply(call, null, (sentence, abandoned) -> {
                Sentences.of(ConversationTurns.FALLBACK_REPLY).forEach(sentence);
                return ConversationTurns.Reply.holding();
            }, voice.format(), deadline);
        } else {
            socket.send(Map.of("type", "transcript", "callId", call.callId(), "text", heard));
            if (early != null && sameWords(early.words(), heard)) {
                reply = early;
            } else {
                if (early != null) {
                    early.cancel();
                }
                reply = reply(call, heard, chain == VoiceChain.STREAMING
                        ? (sentence, abandoned) -> turns.stream(call, heard, deadline, sentence, abandoned)
                        : (sentence, abandoned) -> {
                            ConversationTurns.Reply whole = turns.answer(call, heard, deadline);
                            Sentences.of(whole.text()).forEach(sentence);
                            return whole;
                        }, voice.format(), deadline);
            }
            if (early != null) {
                metrics.counter("realtime_voice_early_replies", "result", reply == early ? "kept" : "discarded").increment();
            }
            if (chain == VoiceChain.STREAMING) {
                // The streamed reply's text is complete while its first sentence plays; both lines are written then.
                reply.reply().thenAccept(done -> turns.record(call, heard, done));
            }
        }
        speak(call, voice, utterance, reply, deadline, socket, draining);
    }

    private ReplyStream reply(CallState call, String words, ReplyStream.Source source, AudioFormat format, long deadline) {
        return ReplyStream.start(words, source, textToSpeech, format.reply(), deadline, budget, synthesis, e -> failed(call, "tts", e));
    }

    /** Plays the committed {@code reply}: its first audio by the deadline, else none (the reply frame says so). */
    private void speak(CallState call, CallVoice voice, CallVoice.Utterance16k utterance, ReplyStream reply, long deadline, CallSocket socket,
            BooleanSupplier draining) {
        Playback playback = reply.playback();
        voice.playing(playback);
        try {
            boolean audio = playback.awaitFirst(ReplyStream.atLeast(deadline, budget.dividedBy(4)).toNanos() + Duration.ofMillis(50).toNanos());
            record("turn", reply.toFirstSentence());
            record("tts", reply.toFirstAudio());
            boolean replied = false;
            if (reply.reply().isDone() || !audio) {
                replied = sendReply(call, reply, audio, socket);
            }
            if (!audio) {
                reply.cancel();
                voiceTurn.record(Duration.ofNanos(System.nanoTime() - utterance.endedAt()));
                return;
            }
            long sent = playback.play(socket, voice.format().reply().bytesPerSecond(), draining,
                    () -> voiceTurn.record(Duration.ofNanos(System.nanoTime() - utterance.endedAt())));
            if (!replied) {
                sendReply(call, reply, true, socket);
            }
            if (playback.bargedIn()) {
                socket.clearAudio();
            } else {
                Integer seq = reply.reply().getNow(ConversationTurns.Reply.holding()).seq();
                socket.audioDone(call.callId() + "-" + (seq == null ? "holding" : seq));
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

    /** Sends the reply frame once the reply's text is complete (bounded by the budget: a stuck dialog counts as the holding reply). */
    private boolean sendReply(CallState call, ReplyStream reply, boolean audio, CallSocket socket) throws InterruptedException {
        ConversationTurns.Reply done;
        try {
            done = reply.reply().get(budget.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the reply of call {} did not complete: {}", call.callId(), e.toString());
            done = ConversationTurns.Reply.holding();
        }
        Map<String, Object> frame = CallSessions.replyFrame(call, done);
        frame.put("audio", audio);
        socket.send(frame);
        metrics.counter("realtime_voice_utterances", "result", done.degraded() ? "holding-reply" : "answered").increment();
        return true;
    }

    /** Whether the words a reply was started on are the final result's, give or take case and punctuation. */
    static boolean sameWords(String early, String heard) {
        return normalized(early).equals(normalized(heard));
    }

    private static String normalized(String words) {
        return words.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']+", " ").trim();
    }

    private void record(String stage, Duration time) {
        if (time != null) {
            stage(stage).record(time);
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
            return recognition.finish(ReplyStream.atLeast(deadline, Duration.ofMillis(50))).trim();
        } catch (SpeechException e) {
            failed(call, "stt", e);
            return null;
        } finally {
            stage("stt").record(Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private void failed(CallState call, String stage, SpeechException e) {
        metrics.counter(CallSessions.VOICE_FAILURES, "stage", stage + (e.timeout() ? "-timeout" : "-error")).increment();
        LOG.warn("{} of call {} failed; the caller gets the holding reply: {}", stage, call.callId(), e.getMessage());
    }


    private Timer stage(String stage) {
        return histogram(Timer.builder("realtime_voice_stage_duration").description("time of one voice pipeline stage")
                .tag("stage", stage)).register(metrics);
    }

    private static Timer.Builder histogram(Timer.Builder builder) {
        return builder.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10));
    }
}
