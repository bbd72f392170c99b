package dev.voiceplane.cli.diff;

import java.util.List;

/**
 * One object that differs between the earlier synthesis and this one.
 *
 * @param type   created, changed, deleted, or a no-op (written differently, the same after normalisation)
 * @param object {@code Kind/namespace/name}
 * @param diff   a unified diff of the object's YAML, secret values hidden
 * @param risks  why this change is risky, each with its class; empty for a plain change
 */
public record ObjectChange(Type type, String object, List<String> diff, List<Risk> risks) {

    public enum Type { CREATED, CHANGED, DELETED, NOOP }

    public ObjectChange {
        diff = List.copyOf(diff);
        risks = List.copyOf(risks);
    }

    /** The reasons this change can lose data (apply, prune and rollback refuse these without the explicit flag). */
    public List<String> dataAtRisk() {
        return risks.stream().filter(r -> r.riskClass() == RiskClass.DATA_LOSS).map(Risk::reason).toList();
    }

    /** Whether the object actually changes (a no-op does not). */
    public boolean changes() {
        return type != Type.NOOP;
    }
}
