package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Every risk rule, asked about one object's change; {@code before} null is a creation, {@code after} null a deletion. */
final class RiskRules {
    private RiskRules() {
    }

    static List<Risk> classify(JsonNode before, JsonNode after) {
        List<Risk> risks = new ArrayList<>();
        if (before != null && after != null) {
            risks.addAll(ImmutableFields.ifChanged(before, after));
            DataAtRisk.ifChanged(before, after).forEach(r -> risks.add(new Risk(RiskClass.DATA_LOSS, r)));
        } else if (after == null) {
            DataAtRisk.ifDeleted(before).ifPresent(r -> risks.add(new Risk(RiskClass.DATA_LOSS, r)));
        }
        risks.addAll(RbacWidening.of(before, after));
        risks.addAll(NetworkOpening.of(before, after));
        risks.addAll(PdbLoosening.of(before, after));
        risks.addAll(CapacityReduction.of(before, after));
        risks.addAll(ServiceChange.of(before, after));
        return risks;
    }
}
