package dev.voiceplane.app.devstack;

import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Principal;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whitelist decisions as the realtime processor asks for them: many users, each with imported
 * contacts, a few blocked numbers and two rules; callers are a realistic mix of the user's
 * contacts (50 %), numbers they blocked (10 %), known spammers whose profiles profile-analytics
 * holds (10 %) and numbers nobody has seen (30 %, each one a profile lookup the first time).
 */
final class WhitelistWorkload {

    static final int CONTACTS_PER_USER = 20;
    static final int BLOCKED_PER_USER = 3;
    static final int SPAMMERS = 100;
    static final int UNKNOWN_CALLERS = 5_000;
    private static final int SEED_THREADS = 8;

    private final URI whitelist;
    private final int users;
    private final String serviceToken;
    private final AccessTokens tokens;

    WhitelistWorkload(URI whitelist, int users, AccessTokens tokens) {
        this.whitelist = whitelist;
        this.users = users;
        this.tokens = tokens;
        this.serviceToken = tokens.issue(new Principal("realtime-processor", java.util.Set.of(Role.SERVICE), ""), Duration.ofHours(1));
    }

    static String user(int i) {
        return "bench-user-" + i;
    }

    static String contact(int user, int i) {
        return String.format("+49151%05d%02d", user, i);
    }

    static String blocked(int user, int i) {
        return String.format("+49160%05d%02d", user, i);
    }

    static String spammer(int i) {
        return String.format("+4969900%04d", i);
    }

    static String unknown(int i) {
        return String.format("+4930555%05d", i);
    }

    /** Writes every user's lists and rules, and the spammers' call history, through the public APIs. */
    void seed(URI profileAnalytics) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                work.add(pool.submit(() -> seedUser(user)));
            }
            for (int s = 0; s < SPAMMERS; s++) {
                int spammer = s;
                work.add(pool.submit(() -> seedSpammer(profileAnalytics, spammer)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Each user writes their own lists, as the app does (and as the per-user rate limit expects). */
    private void seedUser(int u) {
        TestHttp http = new TestHttp(whitelist.toString());
        String owner = tokens.issue(new Principal(user(u), java.util.Set.of(Role.USER), ""), Duration.ofMinutes(10));
        List<Map<String, String>> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS_PER_USER; i++) {
            contacts.add(Map.of("number", contact(u, i), "name", "contact " + i));
        }
        expectOk(http.put("/api/users/" + user(u) + "/contacts", contacts, owner));
        for (int i = 0; i < BLOCKED_PER_USER; i++) {
            expectOk(http.post("/api/users/" + user(u) + "/entries", Map.of("number", blocked(u, i), "kind", "BLOCK"), owner));
        }
        expectOk(http.post("/api/users/" + user(u) + "/rules", Map.of("name", "premium-rate", "pattern", "+49900*",
                "action", "BLOCK", "priority", 10), owner));
        expectOk(http.post("/api/users/" + user(u) + "/rules", Map.of("name", "night", "days", "MON,TUE,WED,THU,FRI,SAT,SUN",
                "start", "23:00", "end", "06:00", "timeZone", "Europe/Berlin", "action", "AI_ANSWER", "priority", 20), owner));
    }

    /**
     * Five victims per spammer, each called by it and reporting it once: profile-analytics caps the spam
     * reports one user files a day, so five victims shared by every spammer were refused (429) from the 21st.
     */
    private void seedSpammer(URI profileAnalytics, int s) {
        TestHttp http = new TestHttp(profileAnalytics.toString());
        for (int v = 0; v < 5; v++) {
            String victim = "victim-" + s + "-" + v;
            expectOk(http.post("/api/calls", Map.of("callId", "bench-spam-" + s + "-" + v, "userId", victim,
                    "callerNumber", spammer(s), "startedAt", Instant.now().minusSeconds(600).toString(), "durationSeconds", 5,
                    "outcome", "AI_HANDLED", "spamCategory", "SCAM", "callerAsserted", true), serviceToken));
            expectOk(http.post("/api/spam-reports", Map.of("callerNumber", spammer(s), "category", "SCAM"),
                    tokens.issue(new Principal(victim, java.util.Set.of(Role.USER), ""), Duration.ofMinutes(10))));
        }
    }

    private static void expectOk(TestResponse response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException("seeding failed: " + response);
        }
    }

    /** The next decision request, as raw HTTP/1.1 bytes. */
    byte[] nextRequest(SplittableRandom random) {
        int user = random.nextInt(users);
        int pick = random.nextInt(100);
        String caller;
        if (pick < 50) {
            caller = contact(user, random.nextInt(CONTACTS_PER_USER));
        } else if (pick < 60) {
            caller = blocked(user, random.nextInt(BLOCKED_PER_USER));
        } else if (pick < 70) {
            caller = spammer(random.nextInt(SPAMMERS));
        } else {
            caller = unknown(random.nextInt(UNKNOWN_CALLERS));
        }
        // A fixed daytime instant, so the night rule does not turn every contact into AI_ANSWER by wall clock.
        String body = "{\"userId\":\"" + user(user) + "\",\"callerNumber\":\"" + caller + "\",\"at\":\"2026-11-18T11:00:00Z\"}";
        String request = "POST /api/decisions HTTP/1.1\r\nHost: " + whitelist.getHost() + ":" + whitelist.getPort()
                + "\r\nAuthorization: Bearer " + serviceToken + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        return request.getBytes(StandardCharsets.UTF_8);
    }

    /** The decision's action, for the tally. */
    static String action(int status, String body) {
        int at = body.indexOf("\"action\":\"");
        return at < 0 ? "status " + status : body.substring(at + 10, body.indexOf('"', at + 10));
    }
}
