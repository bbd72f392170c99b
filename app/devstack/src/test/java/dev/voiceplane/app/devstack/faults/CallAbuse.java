package dev.voiceplane.app.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.devstack.LocalStack;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.catalog.Env;
import dev.voiceplane.catalog.ServiceCatalog;
import dev.voiceplane.catalog.ServiceSpec;
import dev.voiceplane.catalog.SystemName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import redis.clients.jedis.JedisPooled;

/** Abuse cases 1, 2, 4, 7, 9 and 10d of issue 10: callers, bodies, transcripts, data directories, emergencies, call slots. */
final class CallAbuse {

    /** MAX_CALLS_PER_USER's default (the local run sets none). */
    static final int CALLS_PER_USER = 3;

    private final Clients clients;
    private final FaultReport report;

    CallAbuse(Clients clients, FaultReport report) {
        this.clients = clients;
        this.report = report;
    }

    /** 1a: only a telephony gateway names the caller; a user's own socket may not. */
    void userNamesTheCaller() throws Exception {
        try (CallSocket call = CallSocket.open(clients.url("realtime-processor"), clients.token("mallory", Role.USER))) {
            JsonNode answer = call.send(Map.of("type", "start", "callId", "forged-caller", "userId", "mallory", "callerNumber", "+4930700001"),
                    "decision");
            report.abuse("A1a", "a user token names the caller in the call's start frame",
                    "start frame {callerNumber} on a socket opened with mallory's user token", CallSocket.describe(answer),
                    "error".equals(answer.path("type").asText()) && "forbidden".equals(answer.path("code").asText()));
        }
    }

    /** 1b: one account cannot get a number blocked for everyone. */
    void spamReports() {
        TestHttp analytics = clients.http("profile-analytics");
        String mallory = clients.token("mallory", Role.USER);
        TestResponse unrelated = analytics.post("/api/spam-reports", Map.of("callerNumber", "+4930700001", "category", "SCAM"), mallory);
        analytics.post("/api/calls", Map.of("callId", "abuse-1", "userId", "mallory", "callerNumber", "+4930700002", "startedAt",
                Instant.now().toString(), "durationSeconds", 5, "outcome", "AI_HANDLED", "spamCategory", "SCAM", "callerAsserted", true),
                clients.token("conversation-analyzer", Role.SERVICE));
        TestResponse reported = analytics.post("/api/spam-reports", Map.of("callerNumber", "+4930700002", "category", "SCAM"), mallory);
        double score = analytics.get("/api/profiles/+4930700002", clients.token("smart-whitelist", Role.SERVICE)).json().path("spamScore")
                .asDouble();
        String decision = clients.decide("someone-else", "+4930700002").response().text("action");
        analytics.post("/api/calls", Map.of("callId", "abuse-2", "userId", "mallory", "callerNumber", "+4930700003", "startedAt",
                Instant.now().toString(), "durationSeconds", 5, "outcome", "AI_HANDLED", "callerAsserted", true), clients.token("root", Role.ADMIN));
        int adminCall = analytics.get("/api/profiles/+4930700003", clients.token("smart-whitelist", Role.SERVICE)).status();
        report.abuse("A1b", "one account blocks a number for everyone with a fake call and a spam report",
                "report a number that never called; one real SCAM call plus a report; an admin token posting a 'provider-asserted' call",
                "unrelated report " + unrelated.status() + "; after call + report (" + reported.status() + ") spam score " + score
                        + ", another user's decision " + decision + "; admin-asserted call: profile " + adminCall + " (not counted)",
                unrelated.status() == 403 && score < 0.8 && !"BLOCK".equals(decision) && adminCall == 404);
    }

    /** 2: every JSON endpoint holds a chunked body to 1 MB while reading it, anonymous ones included. */
    void chunkedBodies() throws Exception {
        String service = clients.token("fault-suite", Role.SERVICE);
        record Target(String service, String path, String contentType, String token) {
        }
        List<Target> targets = List.of(
                new Target("user-management", "/api/auth/register", "application/json", null),
                new Target("smart-whitelist", "/api/decisions", "application/json", service),
                new Target("profile-analytics", "/api/calls", "application/json", service),
                new Target("conversation-engine", "/api/conversations", "application/json", service),
                new Target("conversation-analyzer", "/api/analyses", "application/json", service),
                new Target("realtime-processor", "/telephony/twilio/voice?user=mallory", "application/x-www-form-urlencoded", null),
                new Target("bharatvoice-app", "/api/auth/register", "application/json", null),
                new Target("bharatvoice-app", "/api/queries", "application/json", clients.bharatvoiceToken("mallory", Role.USER)));
        List<String> answers = new ArrayList<>();
        boolean ok = true;
        for (Target target : targets) {
            ChunkedBody.Answer answer = ChunkedBody.post(clients.url(target.service()), target.path(), target.contentType(), target.token());
            answers.add(target.service() + " " + target.path().replaceAll("\\?.*", "") + (target.token() == null ? " (anonymous)" : "") + ": "
                    + answer.describe());
            // Refused before the body ended: the server stopped reading it (what it took in is bounded by its 1 MB limit).
            ok &= answer.status() == 413 && answer.sentBytes() < ChunkedBody.LIMIT;
        }
        report.abuse("A2", "chunked bodies over 1 MB on every service's JSON endpoints",
                "up to " + ChunkedBody.LIMIT / 1024 / 1024 + " MB of chunked body, no length, 64 KB at a time, to " + targets.size() + " endpoints",
                String.join("; ", answers), ok);
    }

    /**
     * 4: a transcript that can never be analysed (its call id was analysed for another user: 409) is
     * dead-lettered by realtime-processor, not retried for ever, and the analyzer answers it with a
     * 4xx, so the 5xx error-rate alert does not see it.
     */
    void unanalysableTranscript() throws Exception {
        clients.http("conversation-analyzer").post("/api/analyses", Map.of("callId", "taken-call", "userId", "someone-else", "transcript",
                List.of(Map.of("speaker", "CALLER", "text", "hello"))), clients.token("realtime-processor", Role.SERVICE));
        double errorsBefore = errors("conversation-analyzer");
        JsonNode ended;
        try (CallSocket call = clients.gatewayCall()) {
            call.send(Map.of("type", "start", "callId", "taken-call", "userId", Scenario.USER, "callerNumber", "+4930700010"), "decision");
            call.send(Map.of("type", "turn", "text", "Hello, anyone there?"), "reply");
            ended = call.send(Map.of("type", "end"), "ended");
        }
        List<String> pending;
        List<String> dead;
        try (JedisPooled redis = new JedisPooled("127.0.0.1", clients.run().stores().redisPort())) {
            pending = redis.lrange("realtime-processor:pending-analysis", 0, -1);
            dead = redis.lrange("realtime-processor:dead-analysis", 0, -1);
        }
        double errorsAfter = errors("conversation-analyzer");
        report.abuse("A4", "a transcript that can never be analysed",
                "a call whose id the analyzer already holds for another user (409), ended",
                CallSocket.describe(ended) + "; pending retries " + (pending.contains("taken-call") ? "hold it" : "do not hold it")
                        + ", dead-letter " + (dead.contains("taken-call") ? "holds it" : "does not hold it") + "; analyzer 5xx count "
                        + (int) errorsBefore + " -> " + (int) errorsAfter,
                !pending.contains("taken-call") && dead.contains("taken-call") && errorsAfter == errorsBefore);
    }

    /** The sum of a service's http_server_errors_total series (5xx answers: what the error-rate alert reads). */
    private double errors(String service) {
        return clients.metrics(service).lines().filter(l -> l.startsWith("http_server_errors_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** 7: a local run has one data directory and one database per system, shared by that system's services. */
    void dataDirectories() {
        Map<SystemName, Set<String>> dataDirs = new TreeMap<>();
        Map<SystemName, Set<String>> databases = new TreeMap<>();
        for (ServiceSpec spec : ServiceCatalog.all()) {
            Map<String, String> env = LocalStack.environment(spec, clients.run().stores());
            if (env.containsKey(Env.DATA_DIR)) {
                dataDirs.computeIfAbsent(spec.system(), s -> new java.util.TreeSet<>()).add(env.get(Env.DATA_DIR));
            }
            if (env.containsKey(Env.DB_NAME)) {
                databases.computeIfAbsent(spec.system(), s -> new java.util.TreeSet<>()).add(env.get(Env.DB_NAME));
            }
        }
        boolean one = dataDirs.values().stream().allMatch(d -> d.size() == 1) && databases.values().stream().allMatch(d -> d.size() == 1);
        boolean distinct = databases.values().stream().map(d -> d.iterator().next()).distinct().count() == databases.size();
        report.abuse("A7", "a local run uses one data directory per system",
                "DATA_DIR and DB_NAME of every catalog service in the run's environment; uploads of bharatvoice-app run by the worker (F1, F3, F4)",
                "DATA_DIR " + describe(dataDirs) + "; DB_NAME " + describe(databases), one && distinct);
    }

    private static String describe(Map<SystemName, Set<String>> values) {
        return values.entrySet().stream().map(e -> e.getKey().id() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** 9: the emergency answer wins over every other topic a query also names, in English and Hindi. */
    void emergency() {
        TestHttp assistant = clients.http("bharatvoice-app");
        String token = clients.bharatvoiceToken("asha", Role.USER);
        TestResponse english = assistant.post("/api/queries", Map.of("text", "Hello, help! There is a fire and heavy rain"), token);
        TestResponse hindi = assistant.post("/api/queries", Map.of("text", "नमस्ते, मदद! आग लगी है और बारिश भी"), token);
        report.abuse("A9", "BharatVoice emergency over generic topics",
                "queries naming greeting, help, weather and a fire, in English and in Hindi",
                "topics " + english.text("topic") + " / " + hindi.text("topic") + "; both answers name 112: "
                        + (english.text("answer").contains("112") && hindi.text("answer").contains("112")),
                "emergency".equals(english.text("topic")) && "emergency".equals(hindi.text("topic"))
                        && english.text("answer").contains("112") && hindi.text("answer").contains("112"));
    }

    private int upgradeStatus(String token) {
        try {
            return CallSocket.upgradeStatus(clients.url("realtime-processor"), token);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** 10d: one user token cannot take every call place of a replica. */
    void callSlots() throws Exception {
        List<CallSocket> held = new ArrayList<>();
        String token = clients.token("greedy", Role.USER);
        try {
            for (int i = 0; i < CALLS_PER_USER; i++) {
                held.add(CallSocket.open(clients.url("realtime-processor"), token));
            }
            // The client sees 101 before the server has counted the socket: ask until the count has caught up.
            int[] next = {0};
            Await.until(Ledger.atMostEvery(Ledger.ASK_EVERY, () -> (next[0] = upgradeStatus(token)) == 429), Ledger.CATCH_UP);
            int other = CallSocket.upgradeStatus(clients.url("realtime-processor"), clients.token("someone-else", Role.USER));
            report.abuse("A10d", "one user holds every call slot", CALLS_PER_USER + " sockets open with one user token, then a fourth; "
                    + "then another user's", "fourth " + next[0] + ", another user's " + other, next[0] == 429 && other == 101);
        } finally {
            held.forEach(CallSocket::close);
        }
    }
}
