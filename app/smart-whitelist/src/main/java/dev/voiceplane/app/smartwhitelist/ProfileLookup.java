package dev.voiceplane.app.smartwhitelist;

import java.util.Optional;

/**
 * The caller's spam profile as far as it could be found, and where it came from.
 *
 * @param profile empty when the caller is unknown or the profile could not be fetched
 * @param source  {@code cache}, {@code service}, {@code unknown} (profile-analytics has none) or
 *                {@code unavailable} (profile-analytics did not answer: the decision is degraded)
 */
public record ProfileLookup(Optional<CallerProfile> profile, String source) {

    public static ProfileLookup unavailable() {
        return new ProfileLookup(Optional.empty(), "unavailable");
    }

    public boolean degraded() {
        return "unavailable".equals(source);
    }
}
