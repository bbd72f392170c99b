package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.speech.SpeechException;
import dev.voiceplane.app.speech.SpeechFormat;
import dev.voiceplane.app.speech.TextToSpeech;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One spoken reply being made: its text comes sentence by sentence from a {@link Source} (the
 * dialog, streamed or whole, or the holding reply) and each sentence is synthesized as soon as it
 * arrives, its audio going into a {@link Playback} that the pipeline plays once the reply is
 * committed. A reply started early, on words that looked complete before the turn ended, is
 * committed only when the final words match; otherwise it is {@link #cancel}led: synthesis stops,
 * its audio is never sent and the dialog's stream is closed.
 */
final class ReplyStream {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyStream.class);
    /** Marks the end of the sentences (compared by identity). */
    private static final String END = new String("end");

    /** Where the reply's text comes from. */
    @FunctionalInterface
    interface Source {
        /** Gives the reply's sentences to {@code sentence} in order and returns the reply; reads {@code abandoned} as it goes. */
        ConversationTurns.Reply produce(Consumer<String> sentence, BooleanSupplier abandoned);
    }

    private final String words;
    private final long startedAt = System.nanoTime();
    private final Playback playback = new Playback();
    private final LinkedBlockingQueue<String> sentences = new LinkedBlockingQueue<>();
    private final CompletableFuture<ConversationTurns.Reply> reply = new CompletableFuture<>();
    private volatile boolean abandoned;
    private volatile long firstSentenceAt;
    private volatile long firstAudioAt;

    private ReplyStream(String words) {
        this.words = words;
    }

    /**
     * Starts the reply to {@code words}: the source and the synthesis run on {@code executor}. The
     * first sentence's synthesis must give audio by {@code deadline} ({@link System#nanoTime()}), with at
     * least a quarter of {@code budget}; later sentences are spoken while earlier ones play and get a
     * whole budget each.
     *
     * @param failed told of a synthesis failure (the pipeline counts it)
     */
    static ReplyStream start(String words, Source source, TextToSpeech textToSpeech, SpeechFormat format, long deadline, Duration budget,
            Executor executor, Consumer<SpeechException> failed) {
        ReplyStream stream = new ReplyStream(words);
        executor.execute(() -> stream.speak(textToSpeech, format, deadline, budget, failed));
        executor.execute(() -> {
            try {
                stream.reply.complete(source.produce(stream::sentence, () -> stream.abandoned));
            } catch (RuntimeException e) {
                stream.reply.completeExceptionally(e);
            } finally {
                stream.sentences.add(END);
            }
        });
        return stream;
    }

    /** The words this reply answers (null for the holding reply to words not understood). */
    String words() {
        return words;
    }

    Playback playback() {
        return playback;
    }

    /** The reply, once its text is complete. */
    CompletableFuture<ConversationTurns.Reply> reply() {
        return reply;
    }

    /** Start to the first sentence, or null when none came yet. */
    Duration toFirstSentence() {
        long at = firstSentenceAt;
        return at == 0 ? null : Duration.ofNanos(at - startedAt);
    }

    /** First sentence to its first audio, or null. */
    Duration toFirstAudio() {
        long sentence = firstSentenceAt;
        long audio = firstAudioAt;
        return sentence == 0 || audio == 0 ? null : Duration.ofNanos(audio - sentence);
    }

    /** Abandons the reply: nothing more is synthesized or sent, and the dialog's stream is closed. Safe more than once. */
    void cancel() {
        abandoned = true;
        playback.stop();
        sentences.add(END);
    }

    private void sentence(String text) {
        if (firstSentenceAt == 0) {
            firstSentenceAt = System.nanoTime();
        }
        sentences.add(text);
    }

    private void speak(TextToSpeech textToSpeech, SpeechFormat format, long deadline, Duration budget, Consumer<SpeechException> failed) {
        boolean first = true;
        try {
            while (true) {
                String sentence = sentences.take();
                if (sentence == END || playback.stopped()) {
                    break;
                }
                Duration timeout = first ? atLeast(deadline, budget.dividedBy(4)) : budget;
                textToSpeech.speak(sentence, format, (audio, offset, length) -> {
                    if (firstAudioAt == 0 && length > 0) {
                        firstAudioAt = System.nanoTime();
                    }
                    return playback.offer(audio, offset, length);
                }, timeout);
                first = false;
            }
        } catch (SpeechException e) {
            failed.accept(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("text-to-speech of a reply failed", e);
        } finally {
            playback.end();
        }
    }

    /** The time left until {@code deadline}, but at least {@code floor}. */
    static Duration atLeast(long deadline, Duration floor) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        return left.compareTo(floor) < 0 ? floor : left;
    }
}
