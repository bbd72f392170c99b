package dev.voiceplane.cli.diff;

/**
 * One reason a change is risky.
 *
 * @param riskClass which kind of risk
 * @param reason    what the change does, in words, e.g. "adds verbs delete to secrets"
 */
public record Risk(RiskClass riskClass, String reason) {

    @Override
    public String toString() {
        return riskClass.id() + ": " + reason;
    }
}
