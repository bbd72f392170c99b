package dev.voiceplane.app.devstack.faults;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.voiceplane.app.core.auth.AccessTokens;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.LocalEnvironment;
import dev.voiceplane.app.testkit.TestHttp;
import dev.voiceplane.app.testkit.TestResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The attacks of issue 10, each against the running services, each with the answer it must get. */
final class AbuseCases {

    static final String PASSWORD = "correct horse battery staple";

    private final Clients clients;
    private final FaultReport report;

    AbuseCases(Clients clients, FaultReport report) {
        this.clients = clients;
        this.report = report;
    }

    void run() throws Exception {
        spamReports();
        chunkedBody();
        nulByte();
        forgedAddressAndLockout();
        tokens();
        blockToAllow();
        emergency();
    }

    private void spamReports() {
        TestHttp analytics = clients.http("profile-analytics");
        TestResponse unrelated = analytics.post("/api/spam-reports", Map.of("callerNumber", "+4930700001", "category", "SCAM"),
                clients.token("mallory", Role.USER));
        report.abuse("report a number that never called the reporter", unrelated.status() + " " + unrelated.text("message"),
                unrelated.status() == 403);
        analytics.post("/api/calls", Map.of("callId", "abuse-1", "userId", "mallory", "callerNumber", "+4930700002", "startedAt",
                Instant.now().toString(), "durationSeconds", 5, "outcome", "AI_HANDLED", "spamCategory", "SCAM", "callerAsserted", true),
                clients.token("conversation-analyzer", Role.SERVICE));
        analytics.post("/api/spam-reports", Map.of("callerNumber", "+4930700002", "category", "SCAM"), clients.token("mallory", Role.USER));
        double score = analytics.get("/api/profiles/+4930700002", clients.token("smart-whitelist", Role.SERVICE)).json().path("spamScore")
                .asDouble();
        TestResponse decision = clients.decide("someone-else", "+4930700002").response();
        report.abuse("one account: a real spam call plus a report, to block the number for everyone",
                "spam score " + score + ", another user's decision " + decision.text("action"), score < 0.8
                        && !"BLOCK".equals(decision.text("action")));
        analytics.post("/api/calls", Map.of("callId", "abuse-2", "userId", "mallory", "callerNumber", "+4930700003", "startedAt",
                Instant.now().toString(), "durationSeconds", 5, "outcome", "AI_HANDLED", "callerAsserted", true), clients.token("root", Role.ADMIN));
        int profile = analytics.get("/api/profiles/+4930700003", clients.token("smart-whitelist", Role.SERVICE)).status();
        report.abuse("a call posted by an admin token claiming a provider asserted it", "profile " + profile + " (not counted)",
                profile == 404);
    }

    private void chunkedBody() throws IOException {
        URI url = URI.create(clients.url("user-management"));
        long sent = 0;
        String status;
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                while (sent < 100L * 1024 * 1024 && socket.getInputStream().available() == 0) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
            } catch (IOException closed) {
                // refused and closed: the point
            }
            status = readLine(socket.getInputStream());
        }
        report.abuse("100 MB chunked body to the anonymous register endpoint", status + " after " + sent / 1024 + " KB sent",
                status.startsWith("HTTP/1.1 413") && sent < 25L * 1024 * 1024);
    }

    private void nulByte() {
        TestResponse response = clients.http("user-management").post("/api/auth/register",
                "{\"email\":\"nul@example.org\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"a\\u0000b\"}", null);
        report.abuse("NUL byte in a text field", response.status() + " " + response.text("message"), response.status() == 400);
    }

    private void forgedAddressAndLockout() {
        TestHttp users = clients.http("user-management");
        TestResponse registered = users.post("/api/auth/register", Map.of("email", "victim@example.org", "password", PASSWORD,
                "displayName", "V"), null);
        String id = registered.text("id");
        for (int i = 0; i < 5; i++) {
            users.sendWithHeaders("POST", "/api/auth/login", Map.of("email", "victim@example.org", "password", "guess " + i,
                    "deviceFingerprint", "f"), null, Map.of("X-Real-IP", "203.0.113." + i));
        }
        TestResponse right = users.post("/api/auth/login", Map.of("email", "victim@example.org", "password", PASSWORD,
                "deviceFingerprint", "f"), null);
        report.abuse("5 wrong passwords from 5 forged addresses, then the right one", right.status() + " Retry-After "
                + right.headers().firstValue("Retry-After").orElse("-"), right.status() == 429);
        String audit = users.get("/api/audit?accountId=" + id, clients.token("ops", Role.ADMIN)).raw();
        report.abuse("forged X-Real-IP in the audit log", audit.contains("203.0.113.") ? "forged address recorded" : "real address recorded",
                !audit.contains("203.0.113."));
    }

    private void tokens() {
        TestHttp whitelist = clients.http("smart-whitelist");
        String noExp = JWT.create().withIssuer(AccessTokens.ISSUER).withSubject("forever").withAudience("ai-ninja")
                .withClaim("roles", List.of("user")).withClaim("typ", "access").withIssuedAt(Instant.now())
                .sign(Algorithm.HMAC256(LocalEnvironment.ACCESS_SECRET));
        int first = whitelist.get("/api/users/forever/entries", noExp).status();
        int second = whitelist.get("/api/users/forever/entries", noExp).status();
        report.abuse("token without exp, used twice", first + ", " + second, first == 401 && second == 401);
        int foreign = whitelist.get("/api/users/bv-user/entries", clients.bharatvoiceToken("bv-user", Role.USER)).status();
        report.abuse("BharatVoice token on an ai-ninja service (same key)", Integer.toString(foreign), foreign == 401);

        TestHttp users = clients.http("user-management");
        String id = users.post("/api/auth/register", Map.of("email", "admin-soon@example.org", "password", PASSWORD, "displayName", "A"),
                null).text("id");
        String asAdmin = clients.token(id, Role.ADMIN, Role.USER);
        int before = users.get("/api/audit", asAdmin).status();
        users.put("/api/users/" + id + "/roles", Map.of("roles", List.of("user")), clients.token("ops", Role.ADMIN));
        int after = users.get("/api/audit", asAdmin).status();
        report.abuse("demoted admin uses the old token", "before " + before + ", after " + after, before == 200 && after == 401);
    }

    private void blockToAllow() {
        String token = clients.token("blocker", Role.USER);
        TestHttp whitelist = clients.http("smart-whitelist");
        whitelist.post("/api/users/blocker/entries", Map.of("number", "+4930700009", "kind", "BLOCK"), token);
        TestResponse allow = whitelist.post("/api/users/blocker/entries", Map.of("number", "+4930700009", "kind", "ALLOW"), token);
        report.abuse("POST an ALLOW entry over a BLOCK", allow.status() + " " + allow.text("message"), allow.status() == 409);
    }

    private void emergency() {
        TestHttp assistant = clients.http("bharatvoice-app");
        String token = clients.bharatvoiceToken("asha", Role.USER);
        TestResponse english = assistant.post("/api/queries", Map.of("text", "Help! There is a fire, emergency"), token);
        TestResponse hindi = assistant.post("/api/queries", Map.of("text", "मदद! आग लगी है, आपातकाल"), token);
        report.abuse("emergency with 'help' in English and Hindi", english.text("topic") + " / " + hindi.text("topic"),
                english.text("answer").contains("112") && hindi.text("answer").contains("112"));
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().trim();
    }
}
