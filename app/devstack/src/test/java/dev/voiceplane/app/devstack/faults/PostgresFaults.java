package dev.voiceplane.app.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.EmbeddedStores;
import dev.voiceplane.app.testkit.TestResponse;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** PostgreSQL stopped under a running call and a job in the worker's hands; PostgreSQL turned read-only (a failover's demoted primary). */
final class PostgresFaults {

    /** JOB_MAX_ATTEMPTS of the local run: an outage as long as this many attempts must not bury a job. */
    static final int MAX_ATTEMPTS = 5;

    private final Clients clients;
    private final Scenario scenario;
    private final VoiceJobs voice;

    PostgresFaults(Clients clients, Scenario scenario, VoiceJobs voice) {
        this.clients = clients;
        this.scenario = scenario;
        this.voice = voice;
    }

    /**
     * F4: a call is running, the worker is in the middle of upload jobs and one more waits in the queue
     * when PostgreSQL stops; the jobs then fail on the stopped database JOB_MAX_ATTEMPTS times each; the call goes on and
     * ends; decisions, writes, logins and readiness are asked. PostgreSQL comes back on the same data
     * directory: the job must succeed and the call's transcript be analysed whole.
     */
    void stoppedUnderACallAndAJobInHand(FaultReport report) throws Exception {
        Ledger ledger = scenario.ledger();
        scenario.warmSnapshot();
        voice.startWorker();
        String failures = "voice_processing_failures_total{service=\"bharatvoice-worker\",stage=\"voice.transcribe\"} ";
        int failedBefore = failedAttempts(failures);
        try (CallSocket call = clients.gatewayCall()) {
            scenario.startCall(call, "pg-running", "+4930600200");
            scenario.turn(call, "pg-running", "Hello, I would like to leave a message", ledger);
            // One upload more than the worker has threads: all but one job in its hands, one queued behind them.
            voice.holdTranscriptions(true);
            int transcriptions = voice.transcriptions();
            List<String> jobs = new java.util.ArrayList<>();
            for (int i = 0; i <= voice.concurrency(); i++) {
                jobs.add(scenario.upload(ledger));
            }
            Await.until(() -> voice.transcriptions() == transcriptions + voice.concurrency(), Ledger.CATCH_UP);
            String queued = jobs.stream().map(clients::jobStatus).filter("QUEUED"::equals).count() + " QUEUED";
            clients.run().stores().stopPostgres();
            String saw;
            boolean ok;
            try {
                voice.holdTranscriptions(false); // the job goes on to store its answer: into the stopped database
                JsonNode turn = scenario.turn(call, "pg-running", "Please call me back tomorrow", ledger);
                JsonNode ended = call.send(Map.of("type", "end"), "ended");
                Clients.Timed cached = clients.decide(Scenario.USER, Scenario.BLOCKED);
                Clients.Timed uncached = clients.decide("never-seen-user", "+4930600009");
                TestResponse write = scenario.addEntry(Scenario.USER, "+4930600004", "ALLOW", ledger);
                TestResponse login = clients.http("user-management").post("/api/auth/login", Map.of("email", "nobody@example.org",
                        "password", "irrelevant password", "deviceFingerprint", "f"), null);
                TestResponse ready = clients.http("smart-whitelist").get("/health/ready", null);
                HttpResponse<String> upload = scenario.uploadResponse(ledger);
                Await.until(() -> failedAttempts(failures) - failedBefore >= jobs.size() * MAX_ATTEMPTS, Ledger.CATCH_UP);
                saw = "call: " + CallSocket.describe(turn) + ", " + CallSocket.describe(ended) + "; decisions: cached " + cached.describe()
                        + ", uncached " + uncached.describe() + "; list write " + write.status() + " Retry-After "
                        + write.headers().firstValue("Retry-After").orElse("-") + "; login " + login.status() + " Retry-After "
                        + login.headers().firstValue("Retry-After").orElse("-") + "; smart-whitelist ready " + ready.status() + "; upload "
                        + upload.statusCode() + " Retry-After " + upload.headers().firstValue("Retry-After").orElse("-")
                        + "; the jobs failed " + (failedAttempts(failures) - failedBefore) + " tries on the stopped database";
                ok = "reply".equals(turn.path("type").asText()) && "ended".equals(ended.path("type").asText())
                        && "BLOCK".equals(cached.response().text("action")) && uncached.response().status() == 200
                        && uncached.millis() < Scenario.BUDGET_MILLIS && write.status() == 503 && retryAfter(write.headers())
                        && login.status() == 503 && ready.status() == 503 && upload.statusCode() == 503;
            } finally {
                voice.holdTranscriptions(false);
                clients.run().stores().startPostgres();
            }
            Await.until(() -> clients.http("smart-whitelist").get("/health/ready", null).status() == 200, Ledger.CATCH_UP);
            TestResponse retried = scenario.addEntry(Scenario.USER, "+4930600004", "ALLOW", ledger);
            ok &= retried.status() == 201;
            Lost lost = Lost.of(ledger, clients);
            report.fault("F4", "PostgreSQL stopped under a running call, jobs in the worker's hands and a queued job",
                    "1 turn answered; " + jobs.size() + " uploads, " + voice.concurrency() + " jobs in the worker's hands (transcriptions held), "
                            + queued + "; PostgreSQL stopped; transcriptions released; a turn, the call ended, 2 decisions, a list write, "
                            + "a login, readiness, an upload; "
                            + MAX_ATTEMPTS + " (JOB_MAX_ATTEMPTS) failed tries per job awaited; PostgreSQL started on its data; "
                            + "the refused write retried",
                    saw + "; after restart: retried write " + retried.status() + "; " + lost.describe(), lost.count(), ok);
        }
    }

    /**
     * F5 (and abuse case 8a): the primary turns read-only, as a demoted primary does during a
     * failover: writers are not ready and refuse writes with 503, and the failed statements are
     * logged without the values they were given.
     */
    void readOnlyPrimary(FaultReport report, LogCapture logs) throws Exception {
        String marker = "bound-value-" + Long.toHexString(System.nanoTime());
        readOnly(true);
        String saw;
        boolean ok;
        boolean logged;
        boolean leaked;
        try {
            Await.until(() -> clients.http("user-management").get("/health/ready", null).status() == 503, Ledger.CATCH_UP);
            int before = logs.lines().size();
            TestResponse register = clients.http("user-management").post("/api/auth/register", Map.of("email", marker + "@example.org",
                    "password", marker + "-password", "displayName", marker), null);
            TestResponse write = clients.http("smart-whitelist").post("/api/users/" + Scenario.USER + "/entries",
                    Map.of("number", "+4930600005", "kind", "BLOCK", "label", marker), clients.token(Scenario.USER, Role.USER));
            Clients.Timed decision = clients.decide(Scenario.USER, Scenario.BLOCKED);
            TestResponse whitelistReady = clients.http("smart-whitelist").get("/health/ready", null);
            List<String> lines = logs.lines().subList(before, logs.lines().size());
            logged = lines.stream().anyMatch(l -> l.contains("read-only") || l.contains("unavailable"));
            leaked = lines.stream().anyMatch(l -> l.contains(marker));
            saw = "readiness: user-management 503, smart-whitelist " + whitelistReady.status() + "; register " + register.status()
                    + " Retry-After " + register.headers().firstValue("Retry-After").orElse("-") + "; list write " + write.status()
                    + "; decision " + decision.describe();
            ok = register.status() == 503 && retryAfter(register.headers()) && write.status() == 503 && whitelistReady.status() == 503
                    && "BLOCK".equals(decision.response().text("action"));
        } finally {
            readOnly(false);
        }
        Await.until(() -> clients.http("user-management").get("/health/ready", null).status() == 200, Ledger.CATCH_UP);
        report.fault("F5", "PostgreSQL primary turned read-only (failover)",
                "default_transaction_read_only on and the configuration reloaded; a registration and a list write; then off again",
                saw + "; readiness back to 200 afterwards", 0, ok);
        report.abuse("A8a", "a failed SQL statement must not log its bound values",
                "the refused registration and list write above carried a marker in email, password, name and label",
                (logged ? "the failures were logged" : "no failure was logged") + (leaked ? ", WITH the marker" : ", without the marker"),
                logged && !leaked);
    }

    /** A counter of the worker's, 0 until its first increment. */
    private int failedAttempts(String series) {
        String metrics = voice.metrics();
        int at = metrics.indexOf(series);
        return at < 0 ? 0 : (int) Double.parseDouble(metrics.substring(at + series.length()).split("\\s")[0]);
    }

    private static boolean retryAfter(java.net.http.HttpHeaders headers) {
        return headers.firstValue("Retry-After").isPresent();
    }

    /** ALTER SYSTEM plus a reload: every session, pooled ones included, reads the new default. */
    private void readOnly(boolean on) throws SQLException {
        EmbeddedStores stores = clients.run().stores();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + stores.postgresPort() + "/postgres",
                EmbeddedStores.DB_USER, EmbeddedStores.DB_PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(on ? "ALTER SYSTEM SET default_transaction_read_only = on" : "ALTER SYSTEM RESET default_transaction_read_only");
            statement.execute("SELECT pg_reload_conf()");
        }
    }
}
