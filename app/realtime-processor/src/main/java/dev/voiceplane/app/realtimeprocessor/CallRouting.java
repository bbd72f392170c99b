package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.ServiceClient;
import dev.voiceplane.app.core.http.ServiceClient.ServiceCallException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other services a call goes through: smart-whitelist decides at call start, conversation-engine
 * answers each caller turn, conversation-analyzer gets the transcript at the end. Each call is
 * bounded by {@code PROCESSING_PIPELINE_TIMEOUT}. When smart-whitelist cannot answer the call is
 * given to the AI (it screens the caller: neither a spammer rings through nor a friend is blocked).
 */
public final class CallRouting {

    static final String WHITELIST_UNAVAILABLE = "whitelist-unavailable";
    private static final Logger LOG = LoggerFactory.getLogger(CallRouting.class);

    private final ServiceClient whitelist;
    private final ServiceClient engine;
    private final ServiceClient analyzer;
    private final Clock clock;

    public CallRouting(ServiceClient whitelist, ServiceClient engine, ServiceClient analyzer, Clock clock) {
        this.whitelist = whitelist;
        this.engine = engine;
        this.analyzer = analyzer;
        this.clock = clock;
    }

    /** The smart-whitelist decision for an incoming call, or the degraded default. */
    public CallState decide(String callId, String userId, String callerNumber) {
        if (callerNumber == null) {
            return new CallState(callId, userId, null, CallState.AI_ANSWER, "withheld-number", false, clock.instant());
        }
        try {
            JsonNode decision = whitelist.post("/api/decisions", Map.of("userId", userId, "callerNumber", callerNumber), JsonNode.class);
            return new CallState(callId, userId, callerNumber, decision.path("action").asText(CallState.AI_ANSWER),
                    decision.path("reason").asText(""), decision.path("degraded").asBoolean(false), clock.instant());
        } catch (ServiceCallException e) {
            LOG.warn("smart-whitelist gave no decision for call {}; the AI screens it: {}", callId, e.getMessage());
            return new CallState(callId, userId, callerNumber, CallState.AI_ANSWER, WHITELIST_UNAVAILABLE, true, clock.instant());
        }
    }

    /** Opens the call's dialog in conversation-engine (idempotent there). */
    public void openConversation(CallState call) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("callId", call.callId());
        body.put("userId", call.userId());
        if (call.callerNumber() != null) {
            body.put("callerNumber", call.callerNumber());
        }
        engine.post("/api/conversations", body, JsonNode.class);
    }

    /** conversation-engine's answer to one caller turn; throws when it fails or runs out of time. */
    public JsonNode turn(String callId, String text) {
        return engine.post("/api/conversations/" + encode(callId) + "/turns", Map.of("text", text), JsonNode.class);
    }

    /**
     * conversation-engine's answer to one caller turn, streamed: every line of it ({@code {"delta": text}}
     * as the model writes, then the turn) goes to {@code line} as it arrives; returns the last. An
     * exception from {@code line} closes the stream, which the engine takes as an abandoned turn.
     */
    public JsonNode turn(String callId, String text, java.util.function.Consumer<JsonNode> line) {
        JsonNode[] last = new JsonNode[1];
        engine.postStreaming("/api/conversations/" + encode(callId) + "/turns/stream", Map.of("text", text), raw -> {
            try {
                last[0] = dev.voiceplane.app.core.http.Json.mapper().readTree(raw);
            } catch (java.io.IOException e) {
                throw new ServiceCallException("conversation-engine streamed a line that is not JSON", e);
            }
            line.accept(last[0]);
        });
        if (last[0] == null || !last[0].has("reply")) {
            throw new ServiceCallException("conversation-engine's streamed turn of call " + callId + " ended without the turn", null);
        }
        return last[0];
    }

    /** Ends the dialog; best effort (the engine's record is complete without it). */
    public void endConversation(String callId) {
        try {
            engine.post("/api/conversations/" + encode(callId) + "/end", Map.of(), JsonNode.class);
        } catch (ServiceCallException e) {
            LOG.warn("could not end the dialog of call {}: {}", callId, e.getMessage());
        }
    }

    /** Sends the finished call to conversation-analyzer; throws when it is not acknowledged. */
    public void analyse(CallState call, List<Utterance> transcript) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("callId", call.callId());
        body.put("userId", call.userId());
        if (call.callerNumber() != null) {
            body.put("callerNumber", call.callerNumber());
            // Every caller number here was asserted by a telephony provider: a user token may not send one
            // (StartFrame), so the analyzer may let the call build the number's profile.
            body.put("callerAsserted", true);
        }
        body.put("startedAt", call.startedAt());
        body.put("durationSeconds", (int) Math.min(86_400, Duration.between(call.startedAt(), clock.instant()).toSeconds()));
        body.put("outcome", "AI_HANDLED");
        body.put("transcript", transcript);
        analyzer.post("/api/analyses", body, JsonNode.class);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
