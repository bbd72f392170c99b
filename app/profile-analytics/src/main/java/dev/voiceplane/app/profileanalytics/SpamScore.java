package dev.voiceplane.app.profileanalytics;

/**
 * How likely a caller is to be unwanted, from 0 to 1, combining independent signals as a noisy-OR
 * ({@code 1 - Π(1 - wᵢ·sᵢ)}): any one strong signal raises the score, several weak ones add up, and
 * the score never exceeds 1. Weights say how much each signal alone can prove:
 * <ul>
 *   <li>0.7 × share of its calls the analyzer classified as spam;</li>
 *   <li>0.6 × reports per user it called (capped at 1);</li>
 *   <li>0.3 × share of its calls users' whitelists blocked;</li>
 *   <li>0.5 × burstiness: distinct users called in the last 24 h, saturating at 20.</li>
 * </ul>
 * With these weights a number classified as spam on every call <em>and</em> reported by the users
 * it called scores 0.88 and is blocked (smart-whitelist blocks from 0.8); classification alone
 * (0.7) only sends it to AI screening.
 */
public final class SpamScore {

    static final double CLASSIFIED = 0.7;
    static final double REPORTED = 0.6;
    static final double BLOCKED = 0.3;
    static final double BURST = 0.5;
    static final int BURST_SATURATION = 20;

    private SpamScore() {
    }

    /**
     * The score under {@code policy}: reports count (by their weights) only from the policy's
     * minimum of distinct reporters, and a number whose calls reached fewer distinct users than that
     * is capped below blocking. See {@link ReportPolicy}.
     *
     * @param reporters       distinct users whose reports count (each had a call from the number)
     * @param weightedReports the sum of those reports' weights
     */
    public static double of(ReportPolicy policy, long totalCalls, long classifiedCalls, long blockedCalls, long distinctUsers,
            long reporters, double weightedReports, long distinctUsersLast24h) {
        double reports = reporters >= policy.minReporters() ? weightedReports : 0;
        double score = combine(totalCalls, classifiedCalls, blockedCalls, distinctUsers, reports, distinctUsersLast24h);
        return distinctUsers < policy.minReporters() ? Math.min(score, ReportPolicy.SINGLE_SOURCE_CAP) : score;
    }

    public static double of(long totalCalls, long classifiedCalls, long blockedCalls, long distinctUsers, long reports,
            long distinctUsersLast24h) {
        return combine(totalCalls, classifiedCalls, blockedCalls, distinctUsers, reports, distinctUsersLast24h);
    }

    private static double combine(long totalCalls, long classifiedCalls, long blockedCalls, long distinctUsers, double reports,
            long distinctUsersLast24h) {
        if (totalCalls == 0 && reports == 0) {
            return 0;
        }
        double classified = totalCalls == 0 ? 0 : (double) classifiedCalls / totalCalls;
        double reported = Math.min(1, reports / Math.max(1, distinctUsers));
        double blocked = totalCalls == 0 ? 0 : (double) blockedCalls / totalCalls;
        double burst = Math.min(1, (double) distinctUsersLast24h / BURST_SATURATION);
        double clean = (1 - CLASSIFIED * classified) * (1 - REPORTED * reported) * (1 - BLOCKED * blocked) * (1 - BURST * burst);
        return Math.round((1 - clean) * 1000) / 1000.0;
    }
}
