package dev.voiceplane.stack;

/**
 * Where service images come from.
 *
 * @param registry prefix before the catalog's repository, e.g. {@code myregistry.azurecr.io}; empty for none
 * @param tag      the tag every service image of the stack uses; never {@code latest}
 */
public record Images(String registry, String tag) {

    /** The full image reference for a catalog repository such as {@code ai-ninja/user-management}. */
    public String reference(String repository) {
        return (registry.isEmpty() ? "" : registry + "/") + repository + ":" + tag;
    }
}
