package dev.voiceplane.app.realtimeprocessor;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One reply's audio on its way out: text-to-speech {@link #offer}s audio as it is made (sentence by
 * sentence, the first bytes of each as they arrive) and {@link #play} sends it in
 * {@value #CHUNK_MILLIS} ms frames, paced at the audio's own speed after a lead of
 * {@value #LEAD_CHUNKS} chunks. Pacing is what makes barge-in possible: the far end only ever holds a
 * little unplayed audio, so when the caller talks over the reply, {@link #bargeIn()} keeps the rest
 * from being sent and the transport drops what the far end buffered ({@code clear} on Twilio,
 * {@code StopAudio} on ACS). When the replica drains, pacing is dropped ({@code hurry}).
 */
final class Playback {

    static final int CHUNK_MILLIS = 100;
    static final int LEAD_CHUNKS = 3;
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> audio = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private volatile boolean bargedIn;
    private final Object wake = new Object();

    /** Audio of the reply, in the call's format (from the synthesizer's thread); false once stopped. */
    boolean offer(byte[] bytes, int offset, int length) {
        if (!stopped && length > 0) {
            audio.add(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
        }
        return !stopped;
    }

    /** No more audio will come. */
    void end() {
        audio.add(END);
    }

    /** Stops sending (hang-up); safe from any thread, more than once. */
    void stop() {
        stopped = true;
        audio.add(END);
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** The caller talked over the reply: stop, and have the transport drop what the far end buffered. */
    void bargeIn() {
        bargedIn = true;
        stop();
    }

    boolean stopped() {
        return stopped;
    }

    boolean bargedIn() {
        return bargedIn;
    }

    /** Waits for the first audio; false when the reply ends (or is stopped) without any. */
    boolean awaitFirst(long timeoutNanos) throws InterruptedException {
        byte[] first = audio.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        if (first == null || first == END) {
            return false;
        }
        pushBack = first;
        return true;
    }

    private byte[] pushBack;

    /**
     * Sends the reply's audio until it ends or is stopped, and returns how many bytes were sent.
     *
     * @param firstChunk run once, just before the first chunk goes out (the latency measurement)
     */
    long play(CallSocket socket, int bytesPerSecond, BooleanSupplier hurry, Runnable firstChunk) throws InterruptedException {
        int chunk = Math.max(2, bytesPerSecond * CHUNK_MILLIS / 1000) & ~1;
        long start = System.nanoTime();
        long sent = 0;
        int index = 0;
        java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        boolean ended = false;
        while (!stopped) {
            if (pending.size() < chunk && !ended) {
                byte[] next = pushBack != null ? pushBack : pending.size() == 0 ? audio.take() : audio.poll();
                pushBack = null;
                if (next == END) {
                    ended = true;
                } else if (next != null) {
                    pending.writeBytes(next);
                    continue;
                }
            }
            if (pending.size() == 0) {
                break;
            }
            long due = start + (long) (index - LEAD_CHUNKS) * CHUNK_MILLIS * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0 && !hurry.getAsBoolean()) {
                synchronized (wake) {
                    if (!stopped) {
                        TimeUnit.NANOSECONDS.timedWait(wake, wait);
                    }
                }
                continue;
            }
            if (index >= LEAD_CHUNKS && wait < -CHUNK_MILLIS * 1_000_000L) {
                start -= wait + CHUNK_MILLIS * 1_000_000L; // the synthesizer fell behind: the schedule starts again from now
            }
            byte[] bytes = pending.toByteArray();
            int length = Math.min(chunk, bytes.length);
            if (sent == 0) {
                firstChunk.run();
            }
            if (!socket.sendAudio(bytes, 0, length)) {
                break;
            }
            sent += length;
            index++;
            pending.reset();
            pending.write(bytes, length, bytes.length - length);
        }
        return sent;
    }
}
