package dev.voiceplane.app.devstack.faults;

import dev.voiceplane.app.core.auth.Role;
import dev.voiceplane.app.testkit.Await;
import dev.voiceplane.app.testkit.TestResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a service acknowledged during the suite, to be found again after every fault: list
 * entries (201), voice uploads (202, their job must succeed) and call turns (a reply frame: the
 * caller's line and the assistant's must reach conversation-analyzer's analysis of the call).
 */
final class Ledger {

    /** How long a retry, a sweep or a queued job may take to catch up once the stores are back. */
    static final Duration CATCH_UP = Duration.ofSeconds(180);
    /** How often a catch-up is looked at. */
    static final Duration ASK_EVERY = Duration.ofSeconds(1);

    /** An allow or block list entry of {@code user}. */
    record Entry(String user, String number) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> jobs = new ArrayList<>();
    private final List<String> uploads = new ArrayList<>();
    private final Map<String, Integer> callLines = new LinkedHashMap<>();

    /** One ledger holding the items of all of {@code ledgers}. */
    static Ledger merged(List<Ledger> ledgers) {
        Ledger all = new Ledger();
        for (Ledger ledger : ledgers) {
            all.entries.addAll(ledger.entries);
            all.jobs.addAll(ledger.jobs);
            all.uploads.addAll(ledger.uploads);
            ledger.callLines.forEach((call, lines) -> all.callLines.merge(call, lines, Integer::sum));
        }
        return all;
    }

    void entry(String user, String number) {
        entries.add(new Entry(user, number));
    }

    /** An acknowledged voice upload and the job that must answer it. */
    void job(String jobId, String uploadId) {
        jobs.add(jobId);
        uploads.add(uploadId);
    }

    /** A turn of {@code callId} was answered: two transcript lines (caller, assistant) are owed to the analyzer. */
    void turn(String callId) {
        callLines.merge(callId, 2, Integer::sum);
    }

    int entries() {
        return entries.size();
    }

    int jobs() {
        return jobs.size();
    }

    List<String> jobIds() {
        return List.copyOf(jobs);
    }

    List<String> uploadIds() {
        return List.copyOf(uploads);
    }

    int lines() {
        return callLines.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Acknowledged entries no longer listed. */
    List<Entry> missingEntries(Clients clients) {
        return entries.stream().filter(e -> !clients.http("smart-whitelist").get("/api/users/" + e.user() + "/entries",
                clients.token(e.user(), Role.USER)).raw().contains(e.number())).toList();
    }

    /** Acknowledged uploads whose job did not succeed within {@link #CATCH_UP}, each with its status. */
    List<String> unfinishedJobs(Clients clients) {
        try {
            Await.until(atMostEvery(ASK_EVERY, () -> jobs.stream().allMatch(id -> "SUCCEEDED".equals(clients.jobStatus(id)))), CATCH_UP);
        } catch (AssertionError timedOut) {
            // reported below, job by job
        }
        return jobs.stream().filter(id -> !"SUCCEEDED".equals(clients.jobStatus(id))).map(id -> id + " " + clients.jobStatus(id)).toList();
    }

    /** Answered transcript lines that are not in the analyses, per call, once every analysis has had {@link #CATCH_UP} to arrive. */
    Map<String, Integer> missingLines(Clients clients) {
        try {
            Await.until(atMostEvery(ASK_EVERY, () -> callLines.entrySet().stream().allMatch(c -> analysedLines(clients, c.getKey()) >= c.getValue())),
                    CATCH_UP);
        } catch (AssertionError timedOut) {
            // reported below, call by call
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        callLines.forEach((call, lines) -> {
            int analysed = analysedLines(clients, call);
            if (analysed < lines) {
                missing.put(call, lines - analysed);
            }
        });
        return missing;
    }

    /**
     * {@code condition}, asked no more often than {@code interval} (false in between): the APIs polled
     * here rate-limit a user to 600 requests a minute, and Await polls every 20 ms.
     */
    static java.util.function.BooleanSupplier atMostEvery(Duration interval, java.util.function.BooleanSupplier condition) {
        long[] last = {0};
        return () -> {
            long now = System.nanoTime();
            if (last[0] != 0 && now - last[0] < interval.toNanos()) {
                return false;
            }
            last[0] = now;
            return condition.getAsBoolean();
        };
    }

    static int analysedLines(Clients clients, String callId) {
        TestResponse analysis = clients.http("conversation-analyzer").get("/api/analyses/" + callId,
                clients.token("realtime-processor", Role.SERVICE));
        return analysis.status() == 200 ? analysis.json().path("turns").asInt() : 0;
    }
}
