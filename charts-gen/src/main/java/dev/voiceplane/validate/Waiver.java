package dev.voiceplane.validate;

/**
 * An accepted finding: the object carries {@code voiceplane.dev/allowed-because.<rule-id>: <reason>}.
 * The vocabulary is the one NetworkPolicies already use for each open path
 * ({@code voiceplane.dev/allowed-because}): whatever a rule forbids is allowed only with its reason
 * written on the object, where reviewers of the object see it.
 *
 * @param ruleId     the rule waived
 * @param reason     why; never empty (a waiver without a reason waives nothing and is itself a finding)
 * @param annotation the annotation key, for messages
 */
public record Waiver(String ruleId, String reason, String annotation) {
    /** Prefix of every waiver annotation; the rule id follows. */
    public static final String PREFIX = "voiceplane.dev/allowed-because.";

    public static String annotationFor(String ruleId) {
        return PREFIX + ruleId;
    }
}
