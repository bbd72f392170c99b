package dev.voiceplane.app.realtimeprocessor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A call socket that keeps what it was sent, for unit tests of the classes around {@link CallSessions}. */
final class RecordingSocket extends CallSocket {

    final List<Object> frames = new CopyOnWriteArrayList<>();
    volatile String closed;

    @Override
    void send(Object frame) {
        frames.add(frame);
    }

    @Override
    boolean sendAudio(byte[] audio, int offset, int length) {
        return closed == null;
    }

    @Override
    void close(int code, String reason) {
        closed = code + " " + reason;
    }

    /** The {@code error} frames sent, as {@code code: message}. */
    List<String> errors() {
        return frames.stream().filter(f -> f instanceof Map<?, ?> m && "error".equals(m.get("type")))
                .map(f -> ((Map<?, ?>) f).get("code") + ": " + ((Map<?, ?>) f).get("message")).toList();
    }
}
