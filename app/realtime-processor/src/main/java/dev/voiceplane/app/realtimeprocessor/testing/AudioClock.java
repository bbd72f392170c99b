package dev.voiceplane.app.realtimeprocessor.testing;

import java.util.concurrent.locks.LockSupport;

/**
 * The pace of a caller's audio: telephony providers send a 20 ms frame every 20 ms, so a caller that
 * speaks in real time sends each frame when its place in the audio is due. The due times come from
 * the audio's own clock (the first frame's time plus 20 ms a frame), so a late frame does not delay
 * the ones after it.
 */
final class AudioClock {

    static final long FRAME_NANOS = 20_000_000L;

    private AudioClock() {
    }

    /** Waits until frame {@code frame} (from 0) of audio whose first frame was sent at {@code start} ({@link System#nanoTime()}) is due. */
    static void awaitFrame(long start, int frame) {
        long due = start + frame * FRAME_NANOS;
        while (System.nanoTime() < due) {
            LockSupport.parkNanos(due - System.nanoTime());
        }
    }
}
