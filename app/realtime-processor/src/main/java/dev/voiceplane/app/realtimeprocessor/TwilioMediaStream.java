package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.realtimeprocessor.telephony.StreamTokens;
import dev.voiceplane.app.realtimeprocessor.telephony.TwilioCalls;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Twilio Media Stream (https://www.twilio.com/docs/voice/media-streams/websocket-messages) as a
 * call of the pipeline. Twilio sends {@code connected}, then {@code start} (with the TwiML
 * {@code <Parameter>}s in {@code customParameters}), then {@code media} (base64 G.711 μ-law, 8 kHz,
 * 20 ms per message), {@code dtmf}, {@code mark} echoes and finally {@code stop}.
 *
 * <p>Twilio's WebSocket carries no credentials, so the stream is admitted by the
 * {@link StreamTokens stream token} the voice webhook put in the parameters: it names the call, the
 * user and the caller number Twilio asserted in the signed webhook. A stream without a valid token
 * in its start message is closed with 1008; audio before the start is ignored.
 */
final class TwilioMediaStream {

    static final String PATH = "/telephony/twilio/stream";
    static final String PROVIDER = "twilio";
    private static final Logger LOG = LoggerFactory.getLogger(TwilioMediaStream.class);
    private static final Principal TWILIO = new Principal(PROVIDER, Set.of(Role.SERVICE), "");

    private final CallSessions sessions;
    private final StreamTokens tokens;
    private final MeterRegistry metrics;
    private final Map<String, TwilioCallSocket> streams = new ConcurrentHashMap<>();
    private final TwilioCalls calls;
    private final java.util.Optional<String> putThroughNumber;

    /**
     * @param calls            Twilio's REST API, which forwards a call the whitelist puts through
     * @param putThroughNumber where such a call goes; empty: the AI's part just ends
     */
    TwilioMediaStream(CallSessions sessions, StreamTokens tokens, TwilioCalls calls, java.util.Optional<String> putThroughNumber,
            MeterRegistry metrics) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.calls = calls;
        this.putThroughNumber = putThroughNumber;
        this.metrics = metrics;
        for (String event : java.util.List.of("media", "dtmf", "mark", "refused")) {
            metrics.counter("realtime_telephony_messages", "provider", PROVIDER, "event", event);
        }
    }

    void install(WsConfig ws) {
        ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    private void onMessage(WsContext ctx, String text) {
        JsonNode message;
        try {
            message = Json.mapper().readTree(text);
        } catch (IOException e) {
            LOG.warn("Twilio stream sent a message that is not JSON; ignored");
            return;
        }
        switch (message.path("event").asText("")) {
            case "connected" -> { }
            case "start" -> start(ctx, message);
            case "media" -> media(ctx, message.path("media"));
            case "mark" -> {
                TwilioCallSocket socket = streams.get(ctx.sessionId());
                if (socket != null) {
                    socket.markPlayed(message.path("mark").path("name").asText());
                    count("mark");
                }
            }
            case "dtmf" -> count("dtmf"); // keypad input is not part of the dialog yet; counted for the operator
            case "stop" -> {
                if (streams.containsKey(ctx.sessionId())) {
                    sessions.endFromProvider(ctx.sessionId());
                }
            }
            default -> LOG.debug("Twilio stream event '{}' ignored", message.path("event").asText());
        }
    }

    private void start(WsContext ctx, JsonNode message) {
        JsonNode start = message.path("start");
        String token = start.path("customParameters").path("token").asText(null);
        var claims = tokens.verify(token, PROVIDER);
        if (claims.isEmpty() || streams.containsKey(ctx.sessionId())) {
            count("refused");
            LOG.warn("Twilio stream refused: {}", claims.isEmpty() ? "no valid stream token in its parameters" : "a second start");
            ctx.closeSession(1008, "a valid stream token is required");
            return;
        }
        if (!claims.get().callId().equals(start.path("callSid").asText())) {
            count("refused");
            LOG.warn("Twilio stream refused: its token was issued for another call");
            ctx.closeSession(1008, "the stream token belongs to another call");
            return;
        }
        String streamSid = message.path("streamSid").asText(start.path("streamSid").asText());
        String accountSid = start.path("accountSid").asText();
        String callSid = claims.get().callId();
        TwilioCallSocket socket = new TwilioCallSocket(ctx, streamSid,
                putThroughNumber.<Runnable>map(number -> () -> calls.dial(accountSid, callSid, number)).orElse(null));
        if (!sessions.open(ctx, TWILIO, socket, claims.get().callId())) {
            return;
        }
        streams.put(ctx.sessionId(), socket);
        sessions.startFromProvider(ctx.sessionId(), claims.get().callId(), claims.get().userId(), claims.get().callerNumber(), AudioFormat.MULAW);
    }

    private void media(WsContext ctx, JsonNode media) {
        if (!streams.containsKey(ctx.sessionId())) {
            return;
        }
        if (!media.path("track").asText("inbound").equals("inbound")) {
            return; // only the caller's side; the reply is ours
        }
        byte[] audio;
        try {
            audio = Base64.getDecoder().decode(media.path("payload").asText(""));
        } catch (IllegalArgumentException e) {
            LOG.warn("Twilio media payload is not base64; ignored");
            return;
        }
        count("media");
        sessions.audioFromProvider(ctx.sessionId(), audio);
    }

    private void closed(String sessionId) {
        if (streams.remove(sessionId) != null) {
            sessions.closed(sessionId);
        }
    }

    private void count(String event) {
        metrics.counter("realtime_telephony_messages", "provider", PROVIDER, "event", event).increment();
    }
}
