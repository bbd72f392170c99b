package dev.voiceplane.app.smartwhitelist;

import java.time.Instant;

/**
 * A user's rule: when the caller matches {@code pattern} (any caller when null) and the call
 * falls in {@code window} (any time when null), take {@code action}. Rules are tried by ascending
 * priority; the first that matches decides.
 */
public record Rule(long id, String name, NumberPattern pattern, TimeWindow window, CallAction action, int priority) {

    public boolean matches(String caller, Instant at) {
        return (pattern == null || pattern.matches(caller)) && (window == null || window.contains(at));
    }
}
