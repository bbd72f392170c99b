package dev.voiceplane.app.devstack.faults;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import dev.voiceplane.app.usermanagement.Totp;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Abuse cases 3, 5, 8b, 8c and 10a-c of issue 10: addresses, lockouts, GDPR, input, seeds at rest, tokens. */
final class AccountAbuse {

    static final String PASSWORD = "correct horse battery staple";

    private final Clients clients;
    private final FaultReport report;
    private final TestHttp users;

    AccountAbuse(Clients clients, FaultReport report) {
        this.clients = clients;
        this.report = report;
        this.users = clients.http("user-management");
    }

    private String register(String email) {
        TestResponse registered = users.post("/api/auth/register", Map.of("email", email, "password", PASSWORD, "displayName", "F"), null);
        if (registered.status() != 201) {
            throw new AssertionError("registering " + email + " answered " + registered);
        }
        return registered.text("id");
    }

    private TestResponse login(String email, String password, String totp, String forgedAddress) {
        Map<String, String> body = totp == null ? Map.of("email", email, "password", password, "deviceFingerprint", "f")
                : Map.of("email", email, "password", password, "deviceFingerprint", "f", "totpCode", totp);
        return users.sendWithHeaders("POST", "/api/auth/login", body, null, forgedAddress == null ? Map.of() : Map.of("X-Real-IP", forgedAddress));
    }

    /** 3b: wrong passwords from forged addresses still lock the account, and the audit log keeps the real address. */
    void passwordLockout() {
        String id = register("victim@example.org");
        for (int i = 0; i < 5; i++) {
            login("victim@example.org", "guess number " + i, null, "203.0.113." + i);
        }
        TestResponse right = login("victim@example.org", PASSWORD, null, null);
        String audit = users.get("/api/audit?accountId=" + id, clients.token("ops", Role.ADMIN)).raw();
        report.abuse("A3b", "per-account lockout against guesses from changing addresses",
                "5 wrong passwords, each with another forged X-Real-IP, then the right password",
                right.status() + " Retry-After " + right.headers().firstValue("Retry-After").orElse("-") + "; audit log "
                        + (audit.contains("203.0.113.") ? "recorded the forged addresses" : "recorded the real address only"),
                right.status() == 429 && right.headers().firstValue("Retry-After").isPresent() && !audit.contains("203.0.113."));
    }

    /** 3c and 8c: wrong TOTP codes lock the account as wrong passwords do; the seed is stored encrypted. */
    void totpLockoutAndSeedAtRest() throws Exception {
        String id = register("mfa-user@example.org");
        String token = login("mfa-user@example.org", PASSWORD, null, null).text("accessToken");
        String seed = users.post("/api/mfa/enrol", Map.of(), token).text("secret");
        Totp totp = new Totp();
        int confirmed = users.post("/api/mfa/confirm", Map.of("code", totp.codeAt(seed, Instant.now())), token).status();
        String stored = storedSeed(id);
        report.abuse("A8c", "the TOTP seed at rest", "MFA enrolled and confirmed (" + confirmed + "); account.mfa_secret read from PostgreSQL",
                "stored as " + stored.substring(0, Math.min(3, stored.length())) + "… (" + stored.length() + " chars), "
                        + (stored.contains(seed) ? "CONTAINS the seed" : "not the seed"),
                confirmed == 200 && stored.startsWith("v1:") && !stored.contains(seed));
        String wrong = totp.codeAt(seed, Instant.now()).equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            login("mfa-user@example.org", PASSWORD, wrong, "198.51.100." + i);
        }
        TestResponse right = login("mfa-user@example.org", PASSWORD, totp.codeAt(seed, Instant.now().plusSeconds(Totp.STEP.getSeconds())),
                null);
        report.abuse("A3c", "TOTP lockout", "right password with 5 wrong codes (forged addresses), then password and a fresh code",
                right.status() + " Retry-After " + right.headers().firstValue("Retry-After").orElse("-"), right.status() == 429);
    }

    private String storedSeed(String accountId) throws Exception {
        EmbeddedStores stores = clients.run().stores();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stores.postgresPort() + "/ai_ninja",
                EmbeddedStores.DB_USER, EmbeddedStores.DB_PASSWORD);
                PreparedStatement query = connection.prepareStatement("SELECT mfa_secret FROM account WHERE id = ?::uuid")) {
            query.setString(1, accountId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getString(1) != null ? row.getString(1) : "";
            }
        }
    }

    /** 8b: a NUL character is bad input (400), not a database error (500). */
    void nulByte() {
        TestResponse response = users.post("/api/auth/register",
                "{\"email\":\"nul@example.org\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"a\\u0000b\"}", null);
        report.abuse("A8b", "a NUL byte in a text field", "registration with displayName \"a\\u0000b\"",
                response.status() + " " + response.text("message"), response.status() == 400);
    }

    /** 10a-c: tokens must expire, name their system, and lose a demoted admin's rights at once. */
    void tokens() {
        TestHttp whitelist = clients.http("smart-whitelist");
        String noExp = JWT.create().withIssuer(AccessTokens.ISSUER).withSubject("forever").withAudience("ai-ninja")
                .withClaim("roles", List.of("user")).withClaim("typ", "access").withIssuedAt(Instant.now())
                .sign(Algorithm.HMAC256(LocalEnvironment.ACCESS_SECRET));
        int first = whitelist.get("/api/users/forever/entries", noExp).status();
        int second = whitelist.get("/api/users/forever/entries", noExp).status();
        report.abuse("A10a", "a token without exp", "a correctly signed access token without exp, used twice", first + ", " + second,
                first == 401 && second == 401);
        int foreign = whitelist.get("/api/users/bv-user/entries", clients.bharatvoiceToken("bv-user", Role.USER)).status();
        report.abuse("A10b", "a BharatVoice token on an ai-ninja service", "token with aud bharatvoice, same signing key, on smart-whitelist",
                Integer.toString(foreign), foreign == 401);
        String id = register("admin-soon@example.org");
        String asAdmin = clients.token(id, Role.ADMIN, Role.USER);
        int before = users.get("/api/audit", asAdmin).status();
        int demoted = users.put("/api/users/" + id + "/roles", Map.of("roles", List.of("user")), clients.token("ops", Role.ADMIN)).status();
        int after = users.get("/api/audit", asAdmin).status();
        int elsewhere = whitelist.get("/api/users/" + id + "/entries", asAdmin).status();
        report.abuse("A10c", "a demoted admin's old token", "admin token used, roles set to [user] by another admin, old token used again",
                "before " + before + "; demotion " + demoted + "; after: user-management " + after + ", smart-whitelist " + elsewhere,
                before == 200 && demoted == 200 && after == 401 && elsewhere == 401);
    }

    /**
     * 5: erasure and export reach every service that holds the user's data, and the erased user's
     * token stops working everywhere. The user has a list entry and an analysed call.
     */
    void gdpr() throws Exception {
        String id = register("gdpr-user@example.org");
        String token = login("gdpr-user@example.org", PASSWORD, null, null).text("accessToken");
        int entry = clients.http("smart-whitelist").post("/api/users/" + id + "/entries", Map.of("number", "+4930700020", "kind", "BLOCK"),
                token).status();
        String callId = "gdpr-call";
        try (CallSocket call = clients.gatewayCall()) {
            call.send(Map.of("type", "start", "callId", callId, "userId", id, "callerNumber", "+4930700021"), "decision");
            call.send(Map.of("type", "turn", "text", "Hello, this is the bank"), "reply");
            call.send(Map.of("type", "end"), "ended");
        }
        Await.until(() -> Ledger.analysedLines(clients, callId) > 0, Ledger.CATCH_UP);
        TestResponse export = users.get("/api/users/" + id + "/export", token);
        boolean exported = export.json().path("complete").asBoolean() && export.raw().contains("+4930700020") && export.raw().contains(callId);
        TestResponse erased = users.delete("/api/users/" + id, token);
        String admin = clients.token("ops", Role.ADMIN);
        Await.until(Ledger.atMostEvery(Ledger.ASK_EVERY, () -> !users.get("/api/admin/erasures/" + id, admin).raw().contains("pending")),
                Ledger.CATCH_UP);
        String status = users.get("/api/admin/erasures/" + id, admin).raw();
        int tokenAfter = clients.http("smart-whitelist").get("/api/users/" + id + "/entries", token).status();
        String entriesAfter = clients.http("smart-whitelist").get("/api/users/" + id + "/entries", admin).raw();
        int analysisAfter = clients.http("conversation-analyzer").get("/api/analyses/" + callId, clients.token("realtime-processor", Role.SERVICE))
                .status();
        report.abuse("A5", "GDPR export and erasure fan out to every service",
                "user with a block entry (" + entry + ") and an analysed call; export; erasure; erasure state awaited",
                "export " + export.status() + " complete " + export.json().path("complete").asBoolean() + ", holds the entry and the call: "
                        + exported + "; erasure " + erased.status() + ", per service " + status + "; afterwards: the user's token "
                        + tokenAfter + ", entries " + entriesAfter + ", the call's analysis " + analysisAfter,
                entry == 201 && exported && erased.status() == 200 && status.contains("smart-whitelist") && status.contains("conversation-analyzer")
                        && status.contains("conversation-engine") && status.contains("profile-analytics") && !status.contains("dead-lettered")
                        && tokenAfter == 401 && "[]".equals(entriesAfter.trim()) && analysisAfter == 404);
    }

    /**
     * 3a: the per-address limit for anonymous calls counts the connection's address, so a client
     * that sends a new X-Real-IP with each request is still limited. Runs last on user-management:
     * it uses up this address's anonymous requests for the minute.
     */
    void forgedAddressRateLimit() {
        int sent = 0;
        TestResponse last = null;
        while (sent < 200 && (last == null || last.status() != 429)) {
            last = users.sendWithHeaders("POST", "/api/auth/login", "{}", null, Map.of("X-Real-IP", "192.0.2." + (sent % 250)));
            sent++;
        }
        report.abuse("A3a", "per-IP rate limit against a forged X-Real-IP",
                "anonymous logins, each with a different X-Real-IP, until refused (at most 200; the limit is 60 a minute)",
                "429 after " + sent + " requests (this address's earlier anonymous requests count too), Retry-After "
                        + last.headers().firstValue("Retry-After").orElse("-"),
                last.status() == 429 && sent <= 61);
    }
}
