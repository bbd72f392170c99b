package dev.voiceplane.app.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.TestResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.JedisPooled;

/**
 * The traffic the faults run under: one ai-ninja user with a block and an allow entry, calls placed
 * by a telephony gateway, BharatVoice voice uploads; each acknowledged item goes into a
 * {@link Ledger}, one per fault, all checked again at the end.
 */
final class Scenario {

    static final String USER = "fault-user";
    static final String BLOCKED = "+4930600001";
    static final String ALLOWED = "+4930600002";
    /** The BharatVoice user every voice upload is made as. */
    static final String UPLOADER = "uploader";
    /** PROCESSING_PIPELINE_TIMEOUT in production: a decision must answer within it, whatever is down. */
    static final long BUDGET_MILLIS = 1500;

    private final Clients clients;
    private final VoiceJobs voice;
    private final List<Ledger> ledgers = new ArrayList<>();

    Scenario(Clients clients, VoiceJobs voice) {
        this.clients = clients;
        this.voice = voice;
    }

    /** The user's lists, and their snapshot cached in Redis (as for any user called in the last 2 min). */
    void seed() {
        Ledger ledger = ledger();
        addEntry(USER, BLOCKED, "BLOCK", ledger);
        addEntry(USER, ALLOWED, "ALLOW", ledger);
        warmSnapshot();
    }

    void warmSnapshot() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", clients.run().stores().redisPort())) {
            Await.until(() -> {
                clients.decide(USER, BLOCKED);
                return redis.exists("smart-whitelist:whitelist:" + USER);
            }, Duration.ofSeconds(60));
        }
    }

    /** A ledger for one fault's items; all of them are checked again at the end. */
    Ledger ledger() {
        Ledger ledger = new Ledger();
        ledgers.add(ledger);
        return ledger;
    }

    List<Ledger> ledgers() {
        return List.copyOf(ledgers);
    }

    TestResponse addEntry(String user, String number, String kind, Ledger ledger) {
        TestResponse response = clients.http("smart-whitelist").post("/api/users/" + user + "/entries", Map.of("number", number, "kind", kind),
                clients.token(user, Role.USER));
        if (response.status() == 201) {
            ledger.entry(user, number);
        }
        return response;
    }

    /** The decision frame of a new call from {@code caller} to {@link #USER}. */
    JsonNode startCall(CallSocket call, String callId, String caller) throws Exception {
        return call.send(Map.of("type", "start", "callId", callId, "userId", USER, "callerNumber", caller), "decision");
    }

    /** A typed caller turn; an answered one (a reply frame) owes its two lines to the analyzer. */
    JsonNode turn(CallSocket call, String callId, String text, Ledger ledger) throws Exception {
        JsonNode reply = call.send(Map.of("type", "turn", "text", text), "reply");
        if ("reply".equals(reply.path("type").asText())) {
            ledger.turn(callId);
        }
        return reply;
    }

    /** An upload that must be acknowledged; its job id. */
    String upload(Ledger ledger) throws Exception {
        HttpResponse<String> response = uploadResponse(ledger);
        if (response.statusCode() != 202) {
            throw new AssertionError("upload answered " + response.statusCode() + ": " + response.body());
        }
        return Clients.json(response).path("jobId").asText();
    }

    HttpResponse<String> uploadResponse(Ledger ledger) throws Exception {
        HttpResponse<String> response = clients.upload(voice.recording(), UPLOADER);
        if (response.statusCode() == 202) {
            ledger.job(Clients.json(response).path("jobId").asText(), Clients.json(response).path("uploadId").asText());
        }
        return response;
    }
}
