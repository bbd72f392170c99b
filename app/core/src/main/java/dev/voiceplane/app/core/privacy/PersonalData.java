package dev.voiceplane.app.core.privacy;

import java.util.Map;

/**
 * What a service stores about one user, for GDPR export (Art. 15/20) and erasure (Art. 17).
 * user-management is where a person asks; every service that stores their data implements this
 * and serves it with {@link PersonalDataRoutes}, so an erasure reaches all of it.
 */
public interface PersonalData {

    /** Everything held about {@code userId}, machine-readable; empty maps when nothing is. */
    Map<String, Object> export(String userId);

    /**
     * Removes everything held about {@code userId}; returns how many items of each kind went.
     * Idempotent: erasing again (a retried request) removes nothing and succeeds.
     */
    Map<String, Integer> erase(String userId);
}
