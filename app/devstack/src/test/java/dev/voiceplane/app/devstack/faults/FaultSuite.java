package dev.voiceplane.app.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.core.runtime.ServiceRuntime;
import dev.voiceplane.app.devstack.LocalRun;
import dev.voiceplane.app.devstack.LocalStack;
import dev.voiceplane.catalog.ServiceCatalog;
import java.time.Clock;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.TestResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.JedisPooled;
import org.junit.jupiter.api.Test;

/**
 * The fault and abuse suite ({@code mvn -pl app/devstack verify -Pfaults}): a local run of the
 * decision path (smart-whitelist, profile-analytics), accounts (user-management) and BharatVoice
 * (app and worker) on stores of its own; kills and restarts Redis and PostgreSQL under a decision
 * flow and a queued job, then runs the abuse cases of issue 10. Prints a report of each fault —
 * what the caller saw, what was lost (the target: nothing acknowledged) — and each abuse case's
 * answer, and writes it to {@code target/fault-report.txt}.
 */
class FaultSuite {

    static final List<String> SERVICES = List.of("profile-analytics", "smart-whitelist", "user-management", "bharatvoice-app",
            "bharatvoice-worker");
    /** PROCESSING_PIPELINE_TIMEOUT: a decision must answer within it, whatever is down. */
    static final long BUDGET_MILLIS = 1500;
    static final String USER = "fault-user";

    private final FaultReport report = new FaultReport();
    /** Numbers whose list entry was acknowledged (201), each with its list. */
    private final Map<String, String> acknowledgedEntries = new java.util.LinkedHashMap<>();
    /** Job ids of acknowledged (202) uploads. */
    private final List<String> acknowledgedJobs = new ArrayList<>();
    /** The worker started after the first one was stopped. */
    private ServiceRuntime worker;

    @Test
    void faultsLoseNothingAcknowledgedAndAbuseIsRefused() throws Exception {
        try (LocalRun run = LocalRun.start(0, 0, SERVICES, Optional.empty())) {
            Clients clients = new Clients(run);
            try {
                seed(clients);
                redisDown(run, clients);
                redisLosesItsData(run, clients);
                postgresDown(run, clients);
                nothingAcknowledgedWasLost(clients);
                new AbuseCases(clients, report).run();
            } finally {
                if (worker != null) {
                    worker.stop(); // before the stores stop
                }
            }
        } finally {
            String text = report.render();
            System.out.println(text);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fault-report.txt"), text);
        }
        assertThat(report.failures()).isEmpty();
    }

    private void seed(Clients clients) {
        addEntry(clients, "+4930600001", "BLOCK");
        addEntry(clients, "+4930600002", "ALLOW");
        clients.decide(USER, "+4930600001"); // warms the cached snapshot
    }

    private TestResponse addEntry(Clients clients, String number, String kind) {
        TestResponse response = clients.http("smart-whitelist").post("/api/users/" + USER + "/entries", Map.of("number", number, "kind", kind),
                clients.token(USER, Role.USER));
        if (response.status() == 201) {
            acknowledgedEntries.put(number, kind);
        }
        return response;
    }

    private void redisDown(LocalRun run, Clients clients) throws Exception {
        run.stores().stopRedis();
        try {
            Clients.Timed blocked = clients.decide(USER, "+4930600001");
            Clients.Timed allowed = clients.decide(USER, "+4930600002");
            TestResponse write = addEntry(clients, "+4930600003", "BLOCK");
            TestResponse ready = clients.http("smart-whitelist").get("/health/ready", null);
            HttpResponse<String> upload = upload(clients);
            boolean ok = blocked.response().status() == 200 && "BLOCK".equals(blocked.response().text("action"))
                    && "PUT_THROUGH".equals(allowed.response().text("action")) && blocked.millis() < BUDGET_MILLIS
                    && write.status() == 201 && ready.status() == 200 && upload.statusCode() == 202;
            report.fault("Redis stopped under the decision flow and an upload",
                    "decision " + blocked.describe() + "; " + allowed.describe() + "; new BLOCK entry " + write.status()
                            + "; smart-whitelist ready " + ready.status() + " (redis " + ready.json().path("checks").path("redis").asText()
                            + "); voice upload " + upload.statusCode() + " " + status(upload),
                    "nothing (entries are in PostgreSQL; the upload is recorded there and enqueued after Redis returns)", ok);
        } finally {
            run.stores().startRedis();
        }
        reconcile(clients);
        Clients.Timed after = clients.decide(USER, "+4930600003");
        report.fault("Redis started again", "decision for the entry written during the outage: " + after.describe()
                        + "; reconciliation re-enqueued the upload taken during the outage",
                "nothing", "BLOCK".equals(after.response().text("action")));
    }

    /** The worker is stopped so the job really waits in the queue when Redis loses it; a new worker runs it afterwards. */
    private void redisLosesItsData(LocalRun run, Clients clients) throws Exception {
        run.stack().service("bharatvoice-worker").runtime().stop();
        HttpResponse<String> upload = upload(clients);
        String jobId = acknowledgedJobs.get(acknowledgedJobs.size() - 1);
        String admin = clients.bharatvoiceToken("ops", Role.ADMIN);
        String queued = clients.http("bharatvoice-app").get("/api/jobs/" + jobId, admin).text("status");
        run.stores().flushRedis(); // a Redis restarted without persistence: the queue and the job's hash are gone
        int gone = clients.http("bharatvoice-app").get("/api/jobs/" + jobId, admin).status();
        int requeued = reconcile(clients);
        worker = ServiceRuntime.start(ServiceCatalog.get("bharatvoice-worker"),
                LocalStack.environment(ServiceCatalog.get("bharatvoice-worker"), run.stores()),
                LocalStack.available().get("bharatvoice-worker").create(), Clock.systemUTC());
        report.fault("Redis lost its data while an acknowledged upload's job was queued (worker stopped)",
                "upload " + upload.statusCode() + ", job " + queued + "; after the loss the job read " + gone
                        + "; reconciliation enqueued " + requeued + " job(s) again; a new worker ran it",
                "nothing (the job is recorded in PostgreSQL and re-enqueued by id)", upload.statusCode() == 202 && requeued >= 1);
    }

    private void postgresDown(LocalRun run, Clients clients) {
        // An active user's lists are cached (2 min): decide until the snapshot is in Redis.
        try (JedisPooled redis = new JedisPooled("127.0.0.1", run.stores().redisPort())) {
            Await.until(() -> {
                clients.decide(USER, "+4930600001");
                return redis.exists("smart-whitelist:whitelist:" + USER);
            }, Duration.ofSeconds(60));
        }
        run.stores().stopPostgres();
        try {
            Clients.Timed cached = clients.decide(USER, "+4930600001");
            Clients.Timed uncached = clients.decide("never-seen-user", "+4930600009");
            TestResponse write = addEntry(clients, "+4930600004", "ALLOW");
            TestResponse login = clients.http("user-management").post("/api/auth/login", Map.of("email", "nobody@example.org",
                    "password", "irrelevant password", "deviceFingerprint", "f"), null);
            TestResponse ready = clients.http("smart-whitelist").get("/health/ready", null);
            boolean ok = "BLOCK".equals(cached.response().text("action")) && uncached.response().status() == 200
                    && uncached.millis() < BUDGET_MILLIS && write.status() == 503 && write.headers().firstValue("Retry-After").isPresent()
                    && login.status() == 503 && ready.status() == 503;
            report.fault("PostgreSQL stopped under the decision flow",
                    "cached decision " + cached.describe() + "; uncached decision " + uncached.describe() + "; list write "
                            + write.status() + " Retry-After " + write.headers().firstValue("Retry-After").orElse("-") + "; login "
                            + login.status() + "; smart-whitelist ready " + ready.status(),
                    "nothing acknowledged (the refused write was never acknowledged: 503 tells the client to retry)", ok);
        } finally {
            run.stores().startPostgres();
        }
        Await.until(() -> clients.http("smart-whitelist").get("/health/ready", null).status() == 200, Duration.ofSeconds(120));
        TestResponse retried = addEntry(clients, "+4930600004", "ALLOW");
        report.fault("PostgreSQL started again", "the refused write, retried: " + retried.status() + "; readiness back to 200",
                "nothing", retried.status() == 201);
    }

    private void nothingAcknowledgedWasLost(Clients clients) {
        String entries = clients.http("smart-whitelist").get("/api/users/" + USER + "/entries", clients.token(USER, Role.USER)).raw();
        List<String> missingEntries = acknowledgedEntries.keySet().stream().filter(n -> !entries.contains(n)).toList();
        String admin = clients.bharatvoiceToken("ops", Role.ADMIN);
        Await.until(() -> acknowledgedJobs.stream().allMatch(id -> "SUCCEEDED".equals(
                clients.http("bharatvoice-app").get("/api/jobs/" + id, admin).text("status"))), Duration.ofSeconds(120));
        report.fault("after all faults: every acknowledged write checked",
                acknowledgedEntries.size() + " acknowledged list entries, " + acknowledgedJobs.size() + " acknowledged uploads (all jobs SUCCEEDED)",
                missingEntries.isEmpty() ? "nothing" : "entries " + missingEntries, missingEntries.isEmpty());
    }

    private int reconcile(Clients clients) {
        return clients.http("bharatvoice-app").post("/api/admin/jobs/reconcile", Map.of(), clients.bharatvoiceToken("ops", Role.ADMIN))
                .json().path("requeued").asInt();
    }

    private HttpResponse<String> upload(Clients clients) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(clients.url("bharatvoice-app") + "/api/voice/uploads?language=hi"))
                .header("Content-Type", "audio/wav").header("Authorization", "Bearer " + clients.bharatvoiceToken("uploader", Role.USER))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4096])).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 202) {
            acknowledgedJobs.add(dev.voiceplane.app.core.http.Json.mapper().readTree(response.body()).path("jobId").asText());
        }
        return response;
    }

    private static String status(HttpResponse<String> response) {
        try {
            return dev.voiceplane.app.core.http.Json.mapper().readTree(response.body()).path("status").asText();
        } catch (java.io.IOException e) {
            return response.body();
        }
    }
}
