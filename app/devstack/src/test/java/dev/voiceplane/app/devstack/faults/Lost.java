package dev.voiceplane.app.devstack.faults;

import java.util.List;
import java.util.Map;

/** What a fault lost of what was acknowledged around it: list entries, uploads' jobs, answered transcript lines. */
record Lost(int acknowledged, List<Ledger.Entry> entries, List<String> jobs, Map<String, Integer> lines) {

    /** Checks every item of {@code ledger}, waiting (bounded) for retries and sweeps to catch up. */
    static Lost of(Ledger ledger, Clients clients) {
        return new Lost(ledger.entries() + ledger.jobs() + ledger.lines(), ledger.missingEntries(clients), ledger.unfinishedJobs(clients),
                ledger.missingLines(clients));
    }

    int count() {
        return entries.size() + jobs.size() + lines.values().stream().mapToInt(Integer::intValue).sum();
    }

    String describe() {
        if (count() == 0) {
            return "all " + acknowledged + " acknowledged items found";
        }
        return "LOST " + count() + " of " + acknowledged + ":" + (entries.isEmpty() ? "" : " entries " + entries)
                + (jobs.isEmpty() ? "" : " jobs " + jobs) + (lines.isEmpty() ? "" : " transcript lines per call " + lines);
    }
}
