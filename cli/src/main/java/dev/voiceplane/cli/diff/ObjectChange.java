package dev.voiceplane.cli.diff;

import java.util.List;

/**
 * One object that differs between the earlier synthesis and this one.
 *
 * @param type       created, changed or deleted
 * @param object     {@code Kind/namespace/name}
 * @param diff       a unified diff of the object's YAML, secret values hidden
 * @param dataAtRisk why this change can lose data; empty when it cannot
 */
public record ObjectChange(Type type, String object, List<String> diff, List<String> dataAtRisk) {

    public enum Type { CREATED, CHANGED, DELETED }

    public ObjectChange {
        diff = List.copyOf(diff);
        dataAtRisk = List.copyOf(dataAtRisk);
    }
}
