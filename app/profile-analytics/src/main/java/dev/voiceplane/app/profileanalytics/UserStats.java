package dev.voiceplane.app.profileanalytics;

import java.util.Map;

/**
 * One user's calls over a period.
 *
 * @param aiHandledShare share of calls the AI handled, 0 when there were none
 * @param blockedShare   share of calls blocked
 */
public record UserStats(String userId, int days, long totalCalls, Map<CallOutcome, Long> byOutcome, double aiHandledShare,
        double blockedShare) {

    public static UserStats of(String userId, int days, Map<CallOutcome, Long> byOutcome) {
        long total = byOutcome.values().stream().mapToLong(Long::longValue).sum();
        return new UserStats(userId, days, total, Map.copyOf(byOutcome), share(byOutcome.get(CallOutcome.AI_HANDLED), total),
                share(byOutcome.get(CallOutcome.BLOCKED), total));
    }

    static double share(long part, long total) {
        return total == 0 ? 0 : Math.round(1000.0 * part / total) / 1000.0;
    }
}
