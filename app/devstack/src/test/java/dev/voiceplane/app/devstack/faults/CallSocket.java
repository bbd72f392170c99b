package dev.voiceplane.app.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.realtimeprocessor.testing.CallClient;
import java.util.Map;

/**
 * A call on realtime-processor's WebSocket as a telephony gateway or a browser places it, over
 * realtime-processor's own {@link CallClient}: a frame out, then the answer of the expected type or
 * the error frame that came instead, so a refusal is reported rather than waited past.
 */
final class CallSocket implements AutoCloseable {

    private final CallClient client;

    private CallSocket(CallClient client) {
        this.client = client;
    }

    static CallSocket open(String baseUrl, String token) throws Exception {
        return new CallSocket(CallClient.connect(baseUrl, token));
    }

    /** The HTTP status an upgrade with {@code token} is refused with, or 101 when it is taken (and then dropped). */
    static int upgradeStatus(String baseUrl, String token) throws Exception {
        return CallClient.refusedStatus(baseUrl, token);
    }

    /** Sends a frame and returns the next frame of {@code type}, or an {@code error} frame, whichever comes first. */
    JsonNode send(Map<String, ?> frame, String type) throws Exception {
        client.send(frame);
        while (true) {
            JsonNode next = client.next();
            String got = next.path("type").asText();
            if (got.equals(type) || got.equals("error")) {
                return next;
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** A frame as the suite reports it: type, action or text, and the flags callers act on. */
    static String describe(JsonNode frame) {
        return switch (frame.path("type").asText()) {
            case "decision" -> "decision " + frame.path("action").asText() + (frame.path("degraded").asBoolean() ? " (degraded)" : "");
            case "reply" -> "reply '" + frame.path("text").asText() + "'" + (frame.path("degraded").asBoolean() ? " (degraded)" : "");
            case "ended" -> "ended, analysed " + frame.path("analysed").asBoolean();
            case "error" -> "error " + frame.path("code").asText() + ": " + frame.path("message").asText();
            default -> frame.toString();
        };
    }
}
