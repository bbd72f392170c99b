package dev.voiceplane.app.realtimeprocessor;

import dev.voiceplane.app.core.telephony.PhoneNumber;
import dev.voiceplane.app.realtimeprocessor.telephony.StreamTokens;
import dev.voiceplane.app.realtimeprocessor.telephony.TwilioSignature;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's voice webhook (the number's "A call comes in" URL) at {@value #PATH}{@code ?user=<userId>}:
 * the user whose line the number is comes from the URL, which Twilio signs with the rest.
 *
 * <ul>
 *   <li>{@code X-Twilio-Signature} must match ({@link TwilioSignature}); otherwise 403 and nothing else.</li>
 *   <li>With room on this replica the answer is TwiML that connects the call to a bidirectional Media
 *       Stream (https://www.twilio.com/docs/voice/twiml/stream): {@code <Connect><Stream url="wss://.../telephony/twilio/stream">}
 *       with a {@code <Parameter name="token">} holding a {@link StreamTokens stream token} for this
 *       call, its user and the caller number Twilio gave in {@code From}.</li>
 *   <li>At {@code MAX_CONCURRENT_CALLS} the answer is {@code <Reject reason="busy"/>}
 *       (https://www.twilio.com/docs/voice/twiml/reject): the caller hears a busy signal rather
 *       than a call this replica cannot serve.</li>
 * </ul>
 */
final class TwilioVoiceWebhook {

    static final String PATH = "/telephony/twilio/voice";
    static final String TWIML = "application/xml";
    private static final Logger LOG = LoggerFactory.getLogger(TwilioVoiceWebhook.class);

    private final String authToken;
    private final Optional<String> publicUrl;
    private final StreamTokens tokens;
    private final CallAdmission admission;
    private final MeterRegistry metrics;

    /**
     * @param publicUrl the scheme and host Twilio calls ({@code TELEPHONY_PUBLIC_URL}); empty to take
     *                  them from the request (X-Forwarded-Proto and Host), as in the local run
     */
    TwilioVoiceWebhook(String authToken, Optional<String> publicUrl, StreamTokens tokens, CallAdmission admission, MeterRegistry metrics) {
        this.authToken = authToken;
        this.publicUrl = publicUrl.map(url -> url.replaceAll("/+$", ""));
        this.tokens = tokens;
        this.admission = admission;
        this.metrics = metrics;
        for (String result : java.util.List.of("connected", "busy", "forged", "bad-request")) {
            metrics.counter("realtime_telephony_webhooks", "provider", "twilio", "result", result);
        }
    }

    void handle(Context ctx) {
        String base = publicUrl.orElseGet(() -> Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme()) + "://" + ctx.host());
        String url = base + ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        Map<String, String> form = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> form.put(name, values.isEmpty() ? "" : values.get(0)));
        if (!TwilioSignature.valid(authToken, url, form, ctx.header("X-Twilio-Signature"))) {
            count("forged");
            LOG.warn("Twilio voice webhook refused: X-Twilio-Signature does not match {}", url);
            ctx.status(403).contentType("text/plain").result("the request signature does not match");
            return;
        }
        String userId = ctx.queryParam("user");
        String callSid = form.getOrDefault("CallSid", "");
        if (userId == null || !StartFrame.ID.matcher(userId).matches() || !StartFrame.ID.matcher(callSid).matches()) {
            count("bad-request");
            ctx.status(400).contentType("text/plain").result("the webhook URL needs ?user=<userId> and the request a CallSid");
            return;
        }
        if (!admission.reserve(callSid, StreamTokens.LIFETIME)) {
            count("busy");
            ctx.contentType(TWIML).result("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Reject reason=\"busy\"/></Response>");
            return;
        }
        String token = tokens.issue(new StreamTokens.Claims(TwilioMediaStream.PROVIDER, callSid, userId, callerNumber(form.get("From"))));
        String stream = base.replaceFirst("^http", "ws") + TwilioMediaStream.PATH;
        count("connected");
        ctx.contentType(TWIML).result("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\"" + xml(stream)
                + "\"><Parameter name=\"token\" value=\"" + xml(token) + "\"/></Stream></Connect></Response>");
    }

    /** The caller's number as Twilio gave it; null for a withheld or non-E.164 one ("anonymous", "+266696687"). */
    private static String callerNumber(String from) {
        if (from == null) {
            return null;
        }
        try {
            return PhoneNumber.parse("From", from);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void count(String result) {
        metrics.counter("realtime_telephony_webhooks", "provider", "twilio", "result", result).increment();
    }

    private static String xml(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
