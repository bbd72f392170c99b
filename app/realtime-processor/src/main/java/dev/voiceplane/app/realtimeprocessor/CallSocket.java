package dev.voiceplane.app.realtimeprocessor;

/**
 * The sending side of one call, whatever carries it: voiceplane's own protocol ({@link NativeCallSocket}),
 * Twilio Media Streams ({@code TwilioCallSocket}) or ACS media streaming ({@code AcsCallSocket}).
 * The pipeline speaks in its own frames and the call's audio format; each transport turns them into
 * its wire format, and drops what its far end has no use for (a telephone hears no transcript).
 * Implementations serialise sends: frames come from the socket's own thread and the pipeline's.
 */
abstract class CallSocket {

    /** A protocol frame ({@code decision}, {@code transcript}, {@code reply}, {@code audio-end}, {@code ended}, {@code error}). */
    abstract void send(Object frame);

    /** Reply audio in the call's format; false when the socket is gone. */
    abstract boolean sendAudio(byte[] audio, int offset, int length);

    /** Barge-in: the far end drops audio it buffered but has not played. */
    void clearAudio() {
    }

    /** A reply's audio is all sent; a transport that can tells when the far end has played it. */
    void audioDone(String name) {
    }

    /**
     * Has the provider forward the call to the number the service is configured with (the whitelist
     * said PUT_THROUGH); false when this transport cannot (voiceplane's own protocol: its gateway
     * acts on the decision frame) or no number is configured. Throws when the provider refuses.
     */
    boolean putThrough() {
        return false;
    }

    /** Closes the call's socket. */
    abstract void close(int code, String reason);

    /** Sends one text message of a provider's protocol; false (logged at debug) when the socket is gone. */
    static boolean sendText(io.javalin.websocket.WsContext ctx, String message) {
        try {
            ctx.send(message);
            return true;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(CallSocket.class).debug("could not send to a closed call socket: {}", e.toString());
            return false;
        }
    }
}
