package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.config.ConfigException;
import dev.voiceplane.app.core.config.ServiceConfig;
import dev.voiceplane.catalog.Env;
import java.time.Duration;

/**
 * Who may move a caller's global spam score, and how far. The policy a careful operator runs, so
 * that no single account can get a number blocked for every user (issue 10, item 1):
 * <ul>
 *   <li>a user may report only a number that called them: a call a telephony provider asserted the
 *       number of, in the last {@link #REPORTABLE_FOR} (their own experience, not hearsay);</li>
 *   <li>an account files at most {@code SPAM_REPORTS_PER_DAY} reports (default {@value #DEFAULT_PER_DAY})
 *       in 24 hours; more are refused with 429;</li>
 *   <li>each report weighs {@code min(1, }{@value #FAIR_SHARE}{@code  / reports the account filed in
 *       30 days)}: a normal user's reports count fully, a mass reporter's are diluted;</li>
 *   <li>reports enter the score only once {@code SPAM_REPORT_MIN_REPORTERS} distinct users (default
 *       {@value #DEFAULT_MIN_REPORTERS}) have reported the number;</li>
 *   <li>a number whose asserted calls reached fewer than that many distinct users never scores above
 *       {@value #SINGLE_SOURCE_CAP}: it is screened by the AI, never blocked for everyone.</li>
 * </ul>
 */
public record ReportPolicy(int minReporters, int perDay) {

    static final int DEFAULT_MIN_REPORTERS = 3;
    static final int DEFAULT_PER_DAY = 20;
    /** Reports per 30 days that still count fully. */
    static final double FAIR_SHARE = 10;
    /** Below smart-whitelist's blocking threshold (0.8): screened, not blocked. */
    static final double SINGLE_SOURCE_CAP = 0.7;
    static final Duration REPORTABLE_FOR = Duration.ofDays(30);
    static final Duration WEIGHTING_WINDOW = Duration.ofDays(30);
    static final Duration DAY = Duration.ofDays(1);

    public static final ReportPolicy DEFAULT = new ReportPolicy(DEFAULT_MIN_REPORTERS, DEFAULT_PER_DAY);

    public ReportPolicy {
        if (minReporters < 1 || perDay < 1) {
            throw new IllegalArgumentException("report policy values must be at least 1");
        }
    }

    static ReportPolicy from(ServiceConfig config) {
        int min = config.intValue(Env.SPAM_REPORT_MIN_REPORTERS, DEFAULT_MIN_REPORTERS);
        int perDay = config.intValue(Env.SPAM_REPORTS_PER_DAY, DEFAULT_PER_DAY);
        if (min < 1) {
            throw new ConfigException("environment variable " + Env.SPAM_REPORT_MIN_REPORTERS + "=" + min + " must be at least 1");
        }
        if (perDay < 1) {
            throw new ConfigException("environment variable " + Env.SPAM_REPORTS_PER_DAY + "=" + perDay + " must be at least 1");
        }
        return new ReportPolicy(min, perDay);
    }
}
