package dev.voiceplane.app.devstack.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceplane.app.devstack.LocalRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault and abuse suite of issue 10 ({@code mvn -pl app/devstack -am verify -Pfaults}, see
 * app/README.md): a local run of every ai-ninja service and bharatvoice-app, with the worker started
 * and stopped by the suite, on stores of its own with persistence on (Redis' append-only file, as a
 * production cache keeps one). It kills, freezes and restarts the real Redis and PostgreSQL
 * processes under running calls and queued jobs, then runs the abuse cases. Every acknowledged item
 * is checked after each fault and again at the end. The report, one Markdown table, is printed and
 * written to {@code target/fault-report.md}; the suite fails when any row fails.
 */
class FaultSuite {

    static final List<String> SERVICES = List.of("user-management", "smart-whitelist", "profile-analytics", "conversation-engine",
            "conversation-analyzer", "realtime-processor", "bharatvoice-app");
    static final Path REPORT = Path.of("target", "fault-report.md");

    /** One case; whatever it throws becomes a failed row. */
    interface Case {
        void run() throws Exception;
    }

    private final FaultReport report = new FaultReport();

    @Test
    void faultsLoseNothingAcknowledgedAndAbuseIsRefused(@TempDir Path data) throws Exception {
        long start = System.nanoTime();
        try (LocalRun run = LocalRun.start(0, 0, SERVICES, Optional.of(data)); LogCapture logs = new LogCapture();
                VoiceJobs voice = new VoiceJobs(run)) {
            Clients clients = new Clients(run);
            Scenario scenario = new Scenario(clients, voice);
            voice.startWorker();
            scenario.seed();
            faults(clients, scenario, voice, logs, data);
            abuse(clients, scenario);
        } finally {
            String text = report.render((System.nanoTime() - start) / 1_000_000_000);
            System.out.println(text);
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, text);
        }
        assertThat(report.failures()).isEmpty();
    }

    private void faults(Clients clients, Scenario scenario, VoiceJobs voice, LogCapture logs, Path data) {
        RedisFaults redis = new RedisFaults(clients, scenario, voice);
        PostgresFaults postgres = new PostgresFaults(clients, scenario, voice);
        step("F1", "Redis killed under a running call and a queued job", () -> redis.killedUnderACallAndAQueuedJob(report));
        step("F2", "Redis hung", () -> redis.hung(report));
        step("F3", "Redis restarted empty under a running call and a queued job", () -> redis.restartedEmptyUnderAQueuedJob(report, data.resolve("redis")));
        step("F4", "PostgreSQL stopped under a running call and a job in hand", () -> postgres.stoppedUnderACallAndAJobInHand(report));
        step("F5", "PostgreSQL primary turned read-only", () -> postgres.readOnlyPrimary(report, logs));
        step("F6", "after every fault", () -> {
            Lost lost = Lost.of(Ledger.merged(scenario.ledgers()), clients);
            report.fault("F6", "after every fault: everything acknowledged since the start",
                    "every list entry listed, every upload's job SUCCEEDED, every answered turn's two lines in its call's analysis",
                    lost.describe(), lost.count(), true);
        });
    }

    private void abuse(Clients clients, Scenario scenario) {
        CallAbuse calls = new CallAbuse(clients, report);
        AccountAbuse accounts = new AccountAbuse(clients, report);
        step("A1a", "a user token names the caller", calls::userNamesTheCaller);
        step("A1b", "spam reports", calls::spamReports);
        step("A2", "chunked bodies", calls::chunkedBodies);
        step("A3b", "per-account lockout", accounts::passwordLockout);
        step("A3c", "TOTP lockout and seed at rest", accounts::totpLockoutAndSeedAtRest);
        step("A4", "a transcript that can never be analysed", calls::unanalysableTranscript);
        step("A5", "GDPR fan-out", accounts::gdpr);
        step("A5b", "BharatVoice erasure", () -> new BharatVoiceErasure(clients, report).run(Scenario.UPLOADER,
                Ledger.merged(scenario.ledgers())));
        step("A6", "Redis down on the call path", () -> report.abuse("A6", "Redis down on the call path",
                "see F1 (Redis killed) and F2 (Redis hung) above", "F1 and F2 " + (passed("F1") && passed("F2") ? "passed" : "did not pass"),
                passed("F1") && passed("F2")));
        step("A7", "one data directory per system", calls::dataDirectories);
        step("A8b", "NUL byte", accounts::nulByte);
        step("A9", "emergency answer", calls::emergency);
        step("A10", "tokens", accounts::tokens);
        step("A10d", "call slots", calls::callSlots);
        step("A3a", "forged X-Real-IP", accounts::forgedAddressRateLimit);
    }

    private boolean passed(String id) {
        return report.rows().stream().anyMatch(r -> r.id().equals(id) && r.ok());
    }

    private void step(String id, String what, Case body) {
        try {
            body.run();
        } catch (Throwable e) {
            report.broken(id, what, e);
        }
    }
}
