package dev.voiceplane.app.smartwhitelist;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * How a call is decided, in order: the user's block list, then their rules (first match wins), then
 * their allow list, then the caller's spam profile. A caller that is neither known to the user nor
 * spam is answered by the AI, which screens it; that is also the answer when the profile cannot be
 * fetched, because screening is safe both ways: no spam rings through, no real caller is rejected.
 *
 * <p>The profile is fetched only when the user's own lists and rules leave the call undecided.
 */
public final class DecisionPolicy {

    /** At or above this score a caller is blocked outright. */
    public static final double BLOCK_SCORE = 0.8;

    private DecisionPolicy() {
    }

    public static Decision decide(UserWhitelist whitelist, String caller, Instant at, Supplier<ProfileLookup> profiles) {
        if (whitelist.blocked().contains(caller)) {
            return new Decision(CallAction.BLOCK, "blocklist", null, null, "skipped", false);
        }
        for (Rule rule : whitelist.rules()) {
            if (rule.matches(caller, at)) {
                return new Decision(rule.action(), "rule", rule.id(), null, "skipped", false);
            }
        }
        if (whitelist.allowed().contains(caller)) {
            return new Decision(CallAction.PUT_THROUGH, "allowlist", null, null, "skipped", false);
        }
        ProfileLookup lookup = profiles.get();
        if (lookup.profile().isEmpty()) {
            return new Decision(CallAction.AI_ANSWER, lookup.degraded() ? "screened" : "unknown-caller", null, null,
                    lookup.source(), lookup.degraded());
        }
        CallerProfile profile = lookup.profile().get();
        CallAction action = profile.spamScore() >= BLOCK_SCORE ? CallAction.BLOCK : CallAction.AI_ANSWER;
        return new Decision(action, action == CallAction.BLOCK ? "spam-profile" : "screened", null, profile.spamScore(),
                lookup.source(), false);
    }
}
