package dev.voiceplane.app.realtimeprocessor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sends one reply's audio in {@value #CHUNK_MILLIS} ms binary frames, paced at the audio's own
 * speed after a lead of {@value #LEAD_CHUNKS} chunks. Pacing is what makes barge-in possible: the
 * client only ever holds a little unplayed audio, so when the caller talks over the reply,
 * {@link #stop()} keeps the rest from being sent at all. When the replica drains, pacing is
 * dropped ({@code hurry}) so the reply still reaches the caller before the socket closes.
 */
final class Playback {

    static final int CHUNK_MILLIS = 100;
    static final int LEAD_CHUNKS = 3;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Stops sending (barge-in, hang-up); safe from any thread, more than once. */
    void stop() {
        stopped.countDown();
    }

    boolean stopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Sends {@code audio} and returns how many bytes were sent; fewer than all when stopped.
     *
     * @param firstChunk run once, just before the first chunk goes out (the latency measurement)
     */
    long play(CallSocket socket, byte[] audio, int bytesPerSecond, BooleanSupplier hurry, Runnable firstChunk) {
        int chunk = Math.max(2, bytesPerSecond * CHUNK_MILLIS / 1000) & ~1;
        long start = System.nanoTime();
        long sent = 0;
        for (int i = 0; sent < audio.length; i++) {
            long due = start + (long) (i - LEAD_CHUNKS) * CHUNK_MILLIS * 1_000_000L;
            long wait = due - System.nanoTime();
            try {
                if (stopped() || wait > 0 && !hurry.getAsBoolean() && stopped.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (i == 0) {
                firstChunk.run();
            }
            int length = (int) Math.min(chunk, audio.length - sent);
            if (!socket.sendAudio(audio, (int) sent, length)) {
                break;
            }
            sent += length;
        }
        return sent;
    }
}
