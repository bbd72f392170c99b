package dev.voiceplane.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A PodDisruptionBudget that lets more pods be evicted at once: a lower minAvailable, a higher
 * maxUnavailable, a switch between the two, or no budget at all
 * (https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget).
 * Percentages compare with percentages; a switch of form is reported, since which allows more
 * depends on the replica count.
 */
final class PdbLoosening {
    private PdbLoosening() {
    }

    static List<Risk> of(JsonNode before, JsonNode after) {
        JsonNode any = after != null ? after : before;
        if (!"PodDisruptionBudget".equals(any.path("kind").asText()) || before == null) {
            return List.of();
        }
        if (after == null) {
            return List.of(new Risk(RiskClass.PDB_LOOSENED, "removes the budget: a drain may evict every pod at once"));
        }
        JsonNode minBefore = before.at("/spec/minAvailable");
        JsonNode minAfter = after.at("/spec/minAvailable");
        JsonNode maxBefore = before.at("/spec/maxUnavailable");
        JsonNode maxAfter = after.at("/spec/maxUnavailable");
        if (!minBefore.isMissingNode() && !minAfter.isMissingNode()) {
            return lower(minAfter, minBefore) ? List.of(risk("minAvailable", minBefore, minAfter)) : List.of();
        }
        if (!maxBefore.isMissingNode() && !maxAfter.isMissingNode()) {
            return lower(maxBefore, maxAfter) ? List.of(risk("maxUnavailable", maxBefore, maxAfter)) : List.of();
        }
        if (minBefore.equals(minAfter) && maxBefore.equals(maxAfter)) {
            return List.of();
        }
        return List.of(new Risk(RiskClass.PDB_LOOSENED, "changes the budget from " + form(before) + " to " + form(after)
                + ": check it allows no more evictions at the stack's replica count"));
    }

    private static Risk risk(String field, JsonNode from, JsonNode to) {
        return new Risk(RiskClass.PDB_LOOSENED, field + " from " + from.asText() + " to " + to.asText());
    }

    /** a < b for two ints or two percentages; a different form counts as lower, to be looked at. */
    private static boolean lower(JsonNode a, JsonNode b) {
        boolean aPercent = a.asText().endsWith("%");
        boolean bPercent = b.asText().endsWith("%");
        if (aPercent != bPercent) {
            return true;
        }
        return number(a) < number(b);
    }

    private static int number(JsonNode n) {
        String text = n.asText().replace("%", "");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String form(JsonNode pdb) {
        JsonNode min = pdb.at("/spec/minAvailable");
        return min.isMissingNode() ? "maxUnavailable " + pdb.at("/spec/maxUnavailable").asText("(none)") : "minAvailable " + min.asText();
    }
}
