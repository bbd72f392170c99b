package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.speech.SpeechToText;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The voice side of one call: its audio format's decoder, the endpointer that cuts the caller's
 * audio into utterances, the recognition that runs while the caller speaks, and the queue of
 * utterances being answered. Utterances of a call are answered one after the other (a reply must
 * not overtake the one before it), at most {@value #MAX_QUEUED} waiting; a caller who keeps talking
 * past that loses the newest rather than growing memory without bound.
 *
 * <p>Turn detection: the silence that ends an utterance follows the words recognised so far
 * ({@link TurnDetector}). Barge-in: caller speech while reply audio plays stops it once the caller
 * has spoken {@value TurnDetector#BARGE_IN_MILLIS} ms, so a short "umm" or "haan" does not.
 *
 * <p>Early replies: once the caller has paused {@link TurnDetector#SPECULATE_AFTER} on words that
 * look complete, the reply to them is started ({@link EarlyReplies}) while the turn has not ended
 * yet; it is abandoned when the caller speaks on or the words change, and handed over with the
 * utterance otherwise (the pipeline keeps it if the final words match).
 */
final class CallVoice {

    static final int MAX_QUEUED = 2;

    private final AudioFormat format;
    private final AudioFormat.Decoder decoder;
    private final Endpointer endpointer;
    private final Executor executor;
    private CompletableFuture<Void> queue = CompletableFuture.completedFuture(null);
    private int queued;
    private volatile Playback playing;
    /** The utterance being spoken: its recognition (null without speech-to-text) and words so far. */
    private SpeechToText.Recognition recognition;
    private volatile String partial;
    private boolean overReply;
    /** The reply started early on {@link #earlyWords}, or null; owned by the socket's message thread. */
    private ReplyStream earlyReply;
    private String earlyWords;

    /** Starts a reply to complete-looking words before the turn ends; returns null when it will not. */
    @FunctionalInterface
    interface EarlyReplies {
        ReplyStream start(String words);
    }

    /**
     * @param speechToText recognises each utterance while it is spoken; null when the replica has none
     * @param earlyReplies starts replies before the turn ends; null for none
     * @param onUtterance  given each finished utterance, on the socket's message thread
     */
    CallVoice(AudioFormat format, Endpointer.Settings settings, Executor executor, SpeechToText speechToText, EarlyReplies earlyReplies,
            Consumer<Utterance16k> onUtterance) {
        this.format = format;
        this.decoder = format.decoder();
        this.executor = executor;
        this.endpointer = new Endpointer(settings, new Endpointer.Listener() {
            @Override
            public void speechStarted() {
                overReply = playing != null;
                partial = null;
                recognition = speechToText == null ? null : speechToText.start(words -> partial = words);
            }

            @Override
            public void speech(byte[] pcm16k) {
                if (recognition != null) {
                    recognition.accept(pcm16k);
                }
            }

            @Override
            public void voiced(int millis) {
                abandonEarlyReply(); // the caller speaks on: the words it answered were not the turn
                Playback current = playing;
                if (current != null && millis >= TurnDetector.BARGE_IN_MILLIS) {
                    current.bargeIn();
                }
            }

            @Override
            public void silent(int millis) {
                String words = partial;
                if (earlyReply != null && !java.util.Objects.equals(words, earlyWords)) {
                    abandonEarlyReply(); // the recognizer changed its mind about the words
                }
                if (earlyReplies != null && earlyReply == null && millis >= TurnDetector.SPECULATE_AFTER.toMillis()
                        && TurnDetector.looksComplete(words)) {
                    earlyReply = earlyReplies.start(words);
                    earlyWords = words;
                }
            }

            @Override
            public Duration silence(Duration configured) {
                return TurnDetector.silence(partial, configured);
            }

            @Override
            public void utterance(byte[] pcm16k) {
                SpeechToText.Recognition finished = recognition;
                recognition = null;
                ReplyStream early = earlyReply;
                earlyReply = null;
                onUtterance.accept(new Utterance16k(pcm16k, System.nanoTime(), finished, overReply, early));
            }
        });
    }

    /**
     * A finished utterance and when its end was detected ({@link System#nanoTime()}).
     *
     * @param recognition its recognition, fed while it was spoken (null without speech-to-text)
     * @param overReply   whether it began while reply audio played (a backchannel there is not answered)
     * @param earlyReply  the reply started before the turn ended, or null
     */
    record Utterance16k(byte[] pcm, long endedAt, SpeechToText.Recognition recognition, boolean overReply, ReplyStream earlyReply) {
    }

    private void abandonEarlyReply() {
        if (earlyReply != null) {
            earlyReply.cancel();
            earlyReply = null;
            earlyWords = null;
        }
    }

    AudioFormat format() {
        return format;
    }

    /** One binary frame of caller audio; called on the socket's message thread. */
    void accept(byte[] frame) {
        endpointer.accept(decoder.decode(frame));
    }

    /** Caller audio already at 16 kHz 16-bit PCM (an ACS stream); called on the socket's message thread. */
    void acceptPcm16k(short[] samples) {
        endpointer.accept(samples);
    }

    /** Queues {@code work} behind the call's earlier utterances; false (nothing queued) when the queue is full. */
    synchronized boolean enqueue(Runnable work) {
        if (queued >= MAX_QUEUED) {
            return false;
        }
        queued++;
        queue = queue.thenRunAsync(() -> {
            try {
                work.run();
            } finally {
                synchronized (this) {
                    queued--;
                }
            }
        }, executor);
        return true;
    }

    /** Marks the reply audio now being sent, so caller speech can stop it. */
    void playing(Playback playback) {
        this.playing = playback;
    }

    /** Stops reply audio (the call is ending) and waits, bounded, until queued utterances are answered. */
    void finish(Duration bound) {
        Playback current = playing;
        if (current != null) {
            current.stop();
        }
        SpeechToText.Recognition open = recognition;
        if (open != null) {
            open.cancel();
        }
        ReplyStream early = earlyReply;
        if (early != null) {
            early.cancel();
        }
        CompletableFuture<Void> last;
        synchronized (this) {
            last = queue;
        }
        try {
            last.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Timed out or failed: the call ends with what is in Redis so far.
        }
    }
}
