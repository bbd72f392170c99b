package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.realtimeprocessor.telephony.StreamTokens;
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
 * An ACS bidirectional media stream as a call of the pipeline. ACS connects to the transport URL
 * we gave when answering, which carries a {@link StreamTokens stream token} for the call (so the
 * stream is admitted only for a call this service answered, with the caller number ACS put in the
 * IncomingCall event). ACS then sends {@code AudioMetadata}, {@code AudioData} (base64 PCM, 16 kHz
 * mono as requested; {@code silent} frames carry no speech) and {@code DtmfData}.
 *
 * <p>ACS also signs the upgrade with a JWT in {@code Authorization} (OIDC, issuer and keys from
 * https://acscallautomation.communication.azure.com/calling/.well-known/acsopenidconfiguration,
 * audience the resource id); that check needs Azure's keys and is not made here (see the README).
 */
final class AcsMediaStream {

    static final String PATH = "/telephony/acs/stream";
    static final String PROVIDER = "acs";
    private static final Logger LOG = LoggerFactory.getLogger(AcsMediaStream.class);
    private static final Principal ACS = new Principal(PROVIDER, Set.of(Role.SERVICE), "");

    private final CallSessions sessions;
    private final StreamTokens tokens;
    private final MeterRegistry metrics;
    private final Map<String, Boolean> streams = new ConcurrentHashMap<>();

    AcsMediaStream(CallSessions sessions, StreamTokens tokens, MeterRegistry metrics) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.metrics = metrics;
        for (String event : java.util.List.of("audio", "dtmf", "refused")) {
            metrics.counter("realtime_telephony_messages", "provider", PROVIDER, "event", event);
        }
    }

    void install(WsConfig ws) {
        ws.onConnect(this::connected);
        ws.onMessage(ctx -> onMessage(ctx, ctx.message()));
        ws.onClose(ctx -> closed(ctx.sessionId()));
        ws.onError(ctx -> closed(ctx.sessionId()));
    }

    private void connected(WsContext ctx) {
        var claims = tokens.verify(ctx.queryParam("token"), PROVIDER);
        if (claims.isEmpty()) {
            count("refused");
            LOG.warn("ACS stream refused: no valid stream token in its URL");
            ctx.closeSession(1008, "a valid stream token is required");
            return;
        }
        if (!sessions.open(ctx, ACS, new AcsCallSocket(ctx), claims.get().callId())) {
            return;
        }
        streams.put(ctx.sessionId(), true);
        sessions.startFromProvider(ctx.sessionId(), claims.get().callId(), claims.get().userId(), claims.get().callerNumber(), AudioFormat.PCM16);
    }

    private void onMessage(WsContext ctx, String text) {
        if (!streams.containsKey(ctx.sessionId())) {
            return;
        }
        JsonNode message;
        try {
            message = Json.mapper().readTree(text);
        } catch (IOException e) {
            LOG.warn("ACS stream sent a message that is not JSON; ignored");
            return;
        }
        // ACS's own samples show PascalCase keys too; the SDK's wire is camelCase. Both are read.
        String kind = message.path("kind").asText(message.path("Kind").asText(""));
        switch (kind) {
            case "AudioMetadata" -> {
                JsonNode metadata = message.path("audioMetadata");
                int rate = metadata.path("sampleRate").asInt(16_000);
                if (rate != 16_000) {
                    LOG.warn("ACS stream announces {} Hz audio; this service asks for and takes 16000 Hz (pcm16KMono)", rate);
                }
            }
            case "AudioData" -> {
                JsonNode audio = message.has("audioData") ? message.path("audioData") : message.path("AudioData");
                try {
                    byte[] pcm = Base64.getDecoder().decode(audio.path("data").asText(""));
                    count("audio");
                    sessions.audioFromProvider(ctx.sessionId(), pcm);
                } catch (IllegalArgumentException e) {
                    LOG.warn("ACS AudioData is not base64; ignored");
                }
            }
            case "DtmfData" -> count("dtmf");
            default -> LOG.debug("ACS stream message '{}' ignored", kind);
        }
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
