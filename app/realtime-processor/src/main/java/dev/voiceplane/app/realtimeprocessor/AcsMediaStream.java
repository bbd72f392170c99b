package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.realtimeprocessor.telephony.AcsWebSocketAuth;
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
 * <p>Before the stream token, the upgrade's own signature: ACS signs every media WebSocket it opens
 * with a JWT in {@code Authorization}, checked as ACS documents ({@link AcsWebSocketAuth}: OpenID
 * configuration and keys, issuer, audience the ACS resource's id, expiry). A stream without both is
 * closed with 1008 before any audio is taken.
 */
final class AcsMediaStream {

    static final String PATH = "/telephony/acs/stream";
    static final String PROVIDER = "acs";
    private static final Logger LOG = LoggerFactory.getLogger(AcsMediaStream.class);
    private static final Principal ACS = new Principal(PROVIDER, Set.of(Role.SERVICE), "");

    private final CallSessions sessions;
    private final StreamTokens tokens;
    private final AcsWebSocketAuth auth;
    private final MeterRegistry metrics;
    /** Open streams by session; the claims wait here until AudioMetadata says the rate (then the call starts). */
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();

    private static final class Stream {
        final StreamTokens.Claims claims;
        volatile boolean started;

        Stream(StreamTokens.Claims claims) {
            this.claims = claims;
        }
    }

    AcsMediaStream(CallSessions sessions, StreamTokens tokens, AcsWebSocketAuth auth, MeterRegistry metrics) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.auth = auth;
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
        java.util.Optional<String> unsigned = auth.refusal(ctx.header("Authorization"));
        if (unsigned.isPresent()) {
            count("refused");
            LOG.warn("ACS stream refused: its Authorization header is not ACS's: {}", unsigned.get());
            ctx.closeSession(1008, "ACS's signed token is required");
            return;
        }
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
        streams.put(ctx.sessionId(), new Stream(claims.get()));
    }

    /** Starts the call in {@code format}, once: at AudioMetadata, or at the first audio if ACS sent none (then 16 kHz, its default). */
    private void start(WsContext ctx, Stream stream, AudioFormat format) {
        if (!stream.started) {
            stream.started = true;
            sessions.startFromProvider(ctx.sessionId(), stream.claims.callId(), stream.claims.userId(), stream.claims.callerNumber(), format);
        }
    }

    private void onMessage(WsContext ctx, String text) {
        Stream stream = streams.get(ctx.sessionId());
        if (stream == null) {
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
                JsonNode metadata = message.has("audioMetadata") ? message.path("audioMetadata") : message.path("AudioMetadata");
                int rate = metadata.path("sampleRate").asInt(16_000);
                // ACS streams PCM at 16 kHz (its default) or 24 kHz, as the media streaming options asked for.
                if (rate != 16_000 && rate != 24_000) {
                    count("refused");
                    LOG.warn("ACS stream announces {} Hz audio; ACS streams 16000 or 24000 Hz PCM only", rate);
                    ctx.closeSession(1003, "PCM at 16000 or 24000 Hz is required");
                    return;
                }
                start(ctx, stream, rate == 24_000 ? AudioFormat.PCM24 : AudioFormat.PCM16);
            }
            case "AudioData" -> {
                JsonNode audio = message.has("audioData") ? message.path("audioData") : message.path("AudioData");
                try {
                    byte[] pcm = Base64.getDecoder().decode(audio.path("data").asText(""));
                    start(ctx, stream, AudioFormat.PCM16);
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
