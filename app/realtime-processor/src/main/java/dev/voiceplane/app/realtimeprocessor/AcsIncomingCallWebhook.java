package dev.voiceplane.app.realtimeprocessor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.http.Json;
import dev.voiceplane.app.core.telephony.PhoneNumber;
import dev.voiceplane.app.realtimeprocessor.telephony.AcsCallAutomation;
import dev.voiceplane.app.realtimeprocessor.telephony.StreamTokens;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ACS's incoming calls, delivered by Event Grid to {@value #PATH}{@code ?user=<userId>&code=<secret>}
 * (one subscription per user's number, filtered on {@code data.to.PhoneNumber.Value}).
 *
 * <ul>
 *   <li>Event Grid first proves the endpoint is ours with a {@code SubscriptionValidationEvent}; the
 *       answer is its {@code validationCode} as {@code validationResponse}
 *       (https://learn.microsoft.com/azure/event-grid/webhook-event-delivery).</li>
 *   <li>Deliveries are authenticated by the secret in the URL ({@code ACS_WEBHOOK_SECRET}, compared in
 *       constant time), the query-parameter scheme Call Automation documents for its webhooks.</li>
 *   <li>A {@code Microsoft.Communication.IncomingCall} is answered through Call Automation with media
 *       streaming to {@value AcsMediaStream#PATH} carrying a stream token for the call, its user and
 *       the caller number ACS gave in {@code from}; at {@code MAX_CONCURRENT_CALLS} it is rejected as busy.</li>
 * </ul>
 */
final class AcsIncomingCallWebhook {

    static final String PATH = "/telephony/acs/events";
    static final String CALLBACKS = "/telephony/acs/callbacks";
    private static final Logger LOG = LoggerFactory.getLogger(AcsIncomingCallWebhook.class);

    private final AcsCallAutomation automation;
    private final String secret;
    private final Optional<String> publicUrl;
    private final StreamTokens tokens;
    private final CallAdmission admission;
    private final MeterRegistry metrics;

    AcsIncomingCallWebhook(AcsCallAutomation automation, String secret, Optional<String> publicUrl, StreamTokens tokens, CallAdmission admission,
            MeterRegistry metrics) {
        this.automation = automation;
        this.secret = secret;
        this.publicUrl = publicUrl.map(url -> url.replaceAll("/+$", ""));
        this.tokens = tokens;
        this.admission = admission;
        this.metrics = metrics;
        for (String result : java.util.List.of("validated", "connected", "busy", "forged", "bad-request", "answer-failed")) {
            metrics.counter("realtime_telephony_webhooks", "provider", "acs", "result", result);
        }
    }

    void handle(Context ctx) {
        if (!secretMatches(ctx.queryParam("code"))) {
            count("forged");
            ctx.status(401).contentType("text/plain").result("the webhook secret does not match");
            return;
        }
        JsonNode events;
        try {
            events = Json.mapper().readTree(ctx.body());
        } catch (IOException e) {
            count("bad-request");
            ctx.status(400).contentType("text/plain").result("an Event Grid delivery is a JSON array of events");
            return;
        }
        if (!events.isArray()) {
            count("bad-request");
            ctx.status(400).contentType("text/plain").result("an Event Grid delivery is a JSON array of events");
            return;
        }
        for (JsonNode event : events) {
            String type = event.path("eventType").asText("");
            if (type.equals("Microsoft.EventGrid.SubscriptionValidationEvent")) {
                count("validated");
                ctx.json(java.util.Map.of("validationResponse", event.path("data").path("validationCode").asText()));
                return;
            }
            if (type.equals("Microsoft.Communication.IncomingCall")) {
                incomingCall(ctx, event.path("data"));
            }
        }
        if (ctx.statusCode() == 200 && ctx.result() == null) {
            ctx.status(200).result("");
        }
    }

    private void incomingCall(Context ctx, JsonNode call) {
        String userId = ctx.queryParam("user");
        String callId = call.path("correlationId").asText("");
        String context = call.path("incomingCallContext").asText("");
        if (userId == null || !StartFrame.ID.matcher(userId).matches() || !StartFrame.ID.matcher(callId).matches() || context.isEmpty()) {
            count("bad-request");
            LOG.warn("ACS IncomingCall without ?user=, a correlationId or an incomingCallContext; ignored");
            return;
        }
        try {
            if (!admission.reserve(callId, StreamTokens.LIFETIME)) {
                count("busy");
                automation.rejectBusy(context);
                return;
            }
            String base = publicUrl.orElseGet(() -> Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme()) + "://" + ctx.host());
            String token = tokens.issue(new StreamTokens.Claims(AcsMediaStream.PROVIDER, callId, userId, callerNumber(call.path("from"))));
            String transport = base.replaceFirst("^http", "ws") + AcsMediaStream.PATH + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
            String callback = base + CALLBACKS + "?code=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
            automation.answer(context, callback, transport);
            count("connected");
        } catch (AcsCallAutomation.AcsException e) {
            admission.unreserve(callId);
            count("answer-failed");
            LOG.warn("ACS call {} could not be answered: {}", callId, e.getMessage());
        }
    }

    /** Call Automation's mid-call events (CallConnected, MediaStreamingStarted, ...): acknowledged; the stream carries the call. */
    void callback(Context ctx) {
        ctx.status(secretMatches(ctx.queryParam("code")) ? 200 : 401);
    }

    /** The caller's phone number from an ACS identifier ({@code phoneNumber.value}, or a raw id {@code 4:+14255550123}). */
    private static String callerNumber(JsonNode from) {
        String value = from.path("phoneNumber").path("value").asText(from.path("rawId").asText("").replaceFirst("^4:", ""));
        try {
            return PhoneNumber.parse("from", value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean secretMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    private void count(String result) {
        metrics.counter("realtime_telephony_webhooks", "provider", "acs", "result", result).increment();
    }
}
