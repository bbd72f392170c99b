package dev.voiceplane.app.smartwhitelist;

import dev.voiceplane.app.core.privacy.PersonalData;
import java.util.LinkedHashMap;
import java.util.Map;

/** A user's allow and block lists, contacts and rules, for GDPR export and erasure (user-management calls in). */
final class WhitelistPersonalData implements PersonalData {

    private final WhitelistRepository repository;
    private final DecisionService decisions;

    WhitelistPersonalData(WhitelistRepository repository, DecisionService decisions) {
        this.repository = repository;
        this.decisions = decisions;
    }

    @Override
    public Map<String, Object> export(String userId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("entries", repository.entries(userId));
        export.put("rules", repository.rules(userId));
        return export;
    }

    @Override
    public Map<String, Integer> erase(String userId) {
        Map<String, Integer> erased = repository.eraseUser(userId);
        decisions.invalidate(userId);
        return erased;
    }
}
