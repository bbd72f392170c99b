package dev.voiceplane.app.conversationanalyzer;

import dev.voiceplane.app.core.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The analyses of a user's calls (summaries, sentiment, category), for GDPR export and erasure. */
final class AnalyzerPersonalData implements PersonalData {

    static final int EXPORT_LIMIT = 100_000;

    private final AnalysisStore store;
    private final Jdbi jdbi;

    AnalyzerPersonalData(AnalysisStore store, Jdbi jdbi) {
        this.store = store;
        this.jdbi = jdbi;
    }

    @Override
    public Map<String, Object> export(String userId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("analyses", store.forUser(userId, EXPORT_LIMIT));
        return export;
    }

    @Override
    public Map<String, Integer> erase(String userId) {
        int analyses = jdbi.withHandle(h -> h.createUpdate("DELETE FROM call_analysis WHERE user_id = :u").bind("u", userId).execute());
        return Map.of("analyses", analyses);
    }
}
