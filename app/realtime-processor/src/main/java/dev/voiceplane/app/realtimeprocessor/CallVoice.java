package dev.voiceplane.app.realtimeprocessor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The voice side of one call: its audio format's decoder, the endpointer that cuts the caller's
 * audio into utterances, and the queue of utterances being answered. Utterances of a call are
 * answered one after the other (a reply must not overtake the one before it), at most
 * {@value #MAX_QUEUED} waiting; a caller who keeps talking past that loses the oldest-not-started
 * ones rather than growing memory without bound. Caller speech while reply audio is playing stops
 * that audio (barge-in).
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

    /**
     * @param onUtterance given each finished utterance, on the socket's message thread
     */
    CallVoice(AudioFormat format, Endpointer.Settings settings, Executor executor, Consumer<Utterance16k> onUtterance) {
        this.format = format;
        this.decoder = format.decoder();
        this.executor = executor;
        this.endpointer = new Endpointer(settings, new Endpointer.Listener() {
            @Override
            public void speechStarted() {
                Playback current = playing;
                if (current != null) {
                    current.stop();
                }
            }

            @Override
            public void utterance(byte[] pcm16k) {
                onUtterance.accept(new Utterance16k(pcm16k, System.nanoTime()));
            }
        });
    }

    /** A finished utterance and when its end was detected ({@link System#nanoTime()}). */
    record Utterance16k(byte[] pcm, long endedAt) {
    }

    AudioFormat format() {
        return format;
    }

    /** One binary frame of caller audio; called on the socket's message thread. */
    void accept(byte[] frame) {
        endpointer.accept(decoder.decode(frame));
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
