package dev.voiceplane.app.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.TestResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Redis killed under a running call and a queued job; Redis hung; Redis restarted empty under a queued job. */
final class RedisFaults {

    private final Clients clients;
    private final Scenario scenario;
    private final VoiceJobs voice;

    RedisFaults(Clients clients, Scenario scenario, VoiceJobs voice) {
        this.clients = clients;
        this.scenario = scenario;
        this.voice = voice;
    }

    /**
     * F1: a call is running (one turn answered) and an upload's job waits in the queue (worker
     * stopped) when Redis is killed; during the outage the call goes on, a new call comes in,
     * decisions are asked, a list entry and an upload are written; then Redis comes back (its
     * append-only file kept, as a production cache with persistence) and everything must be found.
     */
    void killedUnderACallAndAQueuedJob(FaultReport report) throws Exception {
        Ledger ledger = scenario.ledger();
        voice.stopWorker();
        try (CallSocket running = clients.gatewayCall(); CallSocket during = clients.gatewayCall()) {
            scenario.startCall(running, "redis-running", "+4930600100");
            scenario.turn(running, "redis-running", "Hello, is Anna there?", ledger);
            String queued = scenario.upload(ledger);
            String queuedStatus = clients.jobStatus(queued);

            clients.run().stores().stopRedis();
            String saw;
            boolean ok;
            try {
                JsonNode heldTurn = scenario.turn(running, "redis-running", "I am calling about the invoice", ledger);
                JsonNode newCall = scenario.startCall(during, "redis-during", "+4930600101");
                JsonNode newTurn = scenario.turn(during, "redis-during", "Who is speaking?", ledger);
                JsonNode ended = during.send(Map.of("type", "end"), "ended");
                Clients.Timed blocked = clients.decide(Scenario.USER, Scenario.BLOCKED);
                Clients.Timed allowed = clients.decide(Scenario.USER, Scenario.ALLOWED);
                TestResponse write = scenario.addEntry(Scenario.USER, "+4930600003", "BLOCK", ledger);
                TestResponse whitelistReady = clients.http("smart-whitelist").get("/health/ready", null);
                TestResponse usersReady = clients.http("user-management").get("/health/ready", null);
                HttpResponse<String> upload = scenario.uploadResponse(ledger);
                saw = "running call: " + CallSocket.describe(heldTurn) + "; new call: " + CallSocket.describe(newCall) + ", "
                        + CallSocket.describe(newTurn) + ", " + CallSocket.describe(ended) + "; decisions " + blocked.describe() + ", "
                        + allowed.describe() + "; BLOCK entry " + write.status() + "; ready: smart-whitelist " + whitelistReady.status()
                        + " (redis " + whitelistReady.json().path("checks").path("redis").asText() + "), user-management "
                        + usersReady.status() + "; upload " + upload.statusCode() + " " + Clients.json(upload).path("status").asText();
                ok = heldTurn.path("degraded").asBoolean() && "reply".equals(heldTurn.path("type").asText())
                        && "AI_ANSWER".equals(newCall.path("action").asText()) && "reply".equals(newTurn.path("type").asText())
                        && "ended".equals(ended.path("type").asText()) && "BLOCK".equals(blocked.response().text("action"))
                        && "PUT_THROUGH".equals(allowed.response().text("action")) && write.status() == 201
                        && whitelistReady.status() == 200 && usersReady.status() == 503 && upload.statusCode() == 202;
            } finally {
                clients.run().stores().startRedis();
            }
            voice.startWorker();
            JsonNode after = scenario.turn(running, "redis-running", "Thank you, goodbye", ledger);
            JsonNode ended = running.send(Map.of("type", "end"), "ended");
            Clients.Timed written = clients.decide(Scenario.USER, "+4930600003");
            saw += "; after restart: " + CallSocket.describe(after) + ", " + CallSocket.describe(ended) + ", decision for the entry written"
                    + " during the outage " + written.describe();
            ok &= !after.path("degraded").asBoolean() && "BLOCK".equals(written.response().text("action"));
            Lost lost = Lost.of(ledger, clients);
            report.fault("F1", "Redis killed under a running call and a queued job",
                    "1 turn answered and 1 upload queued (" + queuedStatus + ", worker stopped); Redis stopped; a turn in the running call, "
                            + "a new call with a turn, 2 decisions, a list write, readiness, an upload; Redis started (AOF kept), worker started, "
                            + "a last turn, both calls ended",
                    saw + "; " + lost.describe(), lost.count(), ok);
        }
    }

    /**
     * F2: Redis frozen (SIGSTOP): it still accepts connections but answers nothing, what a hung
     * server or a black-holed network looks like; the call path must answer inside its budget.
     */
    void hung(FaultReport report) throws Exception {
        Ledger ledger = scenario.ledger();
        long pid = StoreProcesses.redis();
        try (CallSocket call = clients.gatewayCall()) {
            StoreProcesses.signal(pid, "STOP");
            String saw;
            boolean ok;
            try {
                Clients.Timed decision = clients.decide(Scenario.USER, Scenario.BLOCKED);
                long start = System.nanoTime();
                JsonNode started = scenario.startCall(call, "redis-hung", "+4930600102");
                JsonNode turn = scenario.turn(call, "redis-hung", "Hello?", ledger);
                long callMillis = (System.nanoTime() - start) / 1_000_000;
                saw = "decision " + decision.describe() + " (budget " + Scenario.BUDGET_MILLIS + " ms); call: " + CallSocket.describe(started)
                        + ", " + CallSocket.describe(turn) + " after " + callMillis + " ms";
                ok = "BLOCK".equals(decision.response().text("action")) && decision.millis() < Scenario.BUDGET_MILLIS
                        && "reply".equals(turn.path("type").asText());
            } finally {
                StoreProcesses.signal(pid, "CONT");
            }
            JsonNode ended = call.send(Map.of("type", "end"), "ended");
            Lost lost = Lost.of(ledger, clients);
            report.fault("F2", "Redis hung (SIGSTOP: connections accepted, nothing answered)",
                    "redis-server stopped with SIGSTOP; a decision for a blocked number; a call with one turn; SIGCONT; the call ended",
                    saw + "; " + CallSocket.describe(ended) + "; " + lost.describe(), lost.count(), ok);
        }
    }

    /**
     * F3: Redis restarted without its data (append-only file gone) while an acknowledged upload's
     * job waited in the queue: the reconciliation sweep (every 30 s) must enqueue it again.
     */
    void restartedEmptyUnderAQueuedJob(FaultReport report, Path redisData) throws Exception {
        Ledger ledger = scenario.ledger();
        voice.stopWorker();
        try (CallSocket call = clients.gatewayCall()) {
            scenario.startCall(call, "redis-emptied", "+4930600103");
            scenario.turn(call, "redis-emptied", "Hello, this is the plumber", ledger);
            String jobId = scenario.upload(ledger);
            String queued = clients.jobStatus(jobId);
            clients.run().stores().stopRedis();
            deleteContents(redisData);
            clients.run().stores().startRedis();
            String afterLoss = clients.jobStatus(jobId);
            JsonNode turn = scenario.turn(call, "redis-emptied", "I will come back on Monday", ledger);
            JsonNode ended = call.send(Map.of("type", "end"), "ended");
            voice.startWorker();
            Await.until(() -> clients.metrics("bharatvoice-app").matches("(?s).*bharatvoice_jobs_reconciled_total\\{[^}]*} [1-9].*"),
                    Ledger.CATCH_UP);
            Lost lost = Lost.of(ledger, clients);
            report.fault("F3", "Redis restarted empty under a running call and a queued job",
                    "1 turn answered, upload acknowledged, job " + queued + " (worker stopped); Redis stopped, its data deleted, started; "
                            + "a turn, the call ended; worker started",
                    "job read " + afterLoss + " after the loss; call: " + CallSocket.describe(turn) + ", " + CallSocket.describe(ended)
                            + "; the sweep enqueued the job again (bharatvoice_jobs_reconciled_total > 0); " + lost.describe(),
                    lost.count(), !"SUCCEEDED".equals(afterLoss) && "reply".equals(turn.path("type").asText()));
        }
    }

    private static void deleteContents(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
