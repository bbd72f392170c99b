package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.diff.ObjectChange;
import dev.voiceplane.cli.diff.StackDiff;
import java.util.Locale;

/** How {@code diff} and {@code apply --dry-run} show a {@link StackDiff}: unified diffs for a person, fields for a machine. */
final class DiffPrinter {

    private DiffPrinter() {
    }

    /** Every stack's changes, as {@link #printUnified(Terminal, StackDiff)}. */
    static void printUnified(Terminal terminal, java.util.List<StackDiff> diffs) {
        diffs.forEach(diff -> printUnified(terminal, diff));
    }

    /** Every change's unified diff on stdout, coloured on a terminal as git colours them. */
    static void printUnified(Terminal terminal, StackDiff diff) {
        for (ObjectChange change : diff.changes()) {
            for (String line : change.diff()) {
                terminal.out().println(colour(terminal, line));
            }
        }
    }

    private static String colour(Terminal terminal, String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return terminal.paint("1", line);
        }
        if (line.startsWith("@@")) {
            return terminal.paint("36", line);
        }
        if (line.startsWith("+")) {
            return terminal.paint("32", line);
        }
        return line.startsWith("-") ? terminal.paint("31", line) : line;
    }

    /** The counts of {@code diff} as fields of {@code target}. */
    static ObjectNode putCounts(ObjectNode target, StackDiff diff) {
        return target.put("created", diff.count(ObjectChange.Type.CREATED)).put("changed", diff.count(ObjectChange.Type.CHANGED))
                .put("deleted", diff.count(ObjectChange.Type.DELETED)).put("noop", diff.count(ObjectChange.Type.NOOP))
                .put("unchanged", diff.unchanged());
    }

    /** Each change (type, object, risks, unified diff) as an element of {@code target}'s array {@code changes}. */
    static void putChanges(ObjectMapper json, ObjectNode target, StackDiff diff) {
        ArrayNode changes = target.putArray("changes");
        for (ObjectChange change : diff.changes()) {
            ObjectNode c = changes.addObject().put("type", change.type().name().toLowerCase(Locale.ROOT)).put("object", change.object());
            c.set("dataAtRisk", json.valueToTree(change.dataAtRisk()));
            ArrayNode risks = c.putArray("risks");
            change.risks().forEach(r -> risks.addObject().put("class", r.riskClass().id()).put("reason", r.reason()));
            c.put("diff", String.join("\n", change.diff()) + "\n");
        }
    }
}
