package dev.voiceplane.app.profileanalytics;

import dev.voiceplane.app.core.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * A user's call history and spam reports, for GDPR export and erasure. Erasing them also takes
 * them out of callers' profiles, which are computed from these rows on read.
 */
final class AnalyticsPersonalData implements PersonalData {

    private final Jdbi jdbi;

    AnalyticsPersonalData(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Map<String, Object> export(String userId) {
        return jdbi.withHandle(h -> {
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("calls", h.createQuery("""
                            SELECT call_id, caller_number, started_at, duration_seconds, outcome, spam_category, caller_asserted
                            FROM call_record WHERE user_id = :u ORDER BY started_at""")
                    .bind("u", userId).mapToMap().list());
            export.put("spamReports", h.createQuery("SELECT caller_number, category, reported_at FROM spam_report WHERE user_id = :u "
                    + "ORDER BY reported_at").bind("u", userId).mapToMap().list());
            return export;
        });
    }

    @Override
    public Map<String, Integer> erase(String userId) {
        return jdbi.inTransaction(h -> {
            Map<String, Integer> erased = new LinkedHashMap<>();
            erased.put("calls", h.createUpdate("DELETE FROM call_record WHERE user_id = :u").bind("u", userId).execute());
            erased.put("spamReports", h.createUpdate("DELETE FROM spam_report WHERE user_id = :u").bind("u", userId).execute());
            return erased;
        });
    }
}
