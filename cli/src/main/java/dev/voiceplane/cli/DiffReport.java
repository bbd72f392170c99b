package dev.voiceplane.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceplane.cli.diff.ObjectChange;
import dev.voiceplane.cli.diff.RiskClass;
import dev.voiceplane.cli.diff.StackDiff;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The result of {@code diff} over every stack compared: its exit code, and the report as JSON for a
 * machine or Markdown for a pull-request comment (a summary table per stack and risk first, then
 * each stack's diffs folded in {@code <details>}, cut to fit the comment limit with a note of what
 * was cut). Secret values are already hidden in every diff it is given.
 */
final class DiffReport {
    /** GitHub refuses a comment body over 65536 characters ("Body is too long (maximum is 65536 characters)"). */
    static final int GITHUB_COMMENT_LIMIT = 65_536;
    /** The first line of the comment, which the workflow finds to update the comment instead of adding one. */
    static final String MARKER = "<!-- voiceplane-diff -->";

    private final List<StackDiff> diffs;
    private final Set<RiskClass> accepted;

    DiffReport(List<StackDiff> diffs, Set<RiskClass> accepted) {
        this.diffs = List.copyOf(diffs);
        this.accepted = accepted.isEmpty() ? EnumSet.noneOf(RiskClass.class) : EnumSet.copyOf(accepted);
    }

    List<StackDiff> diffs() {
        return diffs;
    }

    Set<RiskClass> accepted() {
        return accepted;
    }

    int unacceptedRisks() {
        return (int) diffs.stream().flatMap(d -> d.risks().stream()).filter(f -> !accepted.contains(f.risk().riskClass())).count();
    }

    Set<RiskClass> unacceptedClasses() {
        Set<RiskClass> classes = EnumSet.noneOf(RiskClass.class);
        diffs.forEach(d -> d.risks().forEach(f -> classes.add(f.risk().riskClass())));
        classes.removeAll(accepted);
        return classes;
    }

    /** 3 for an unaccepted risk, 2 for any change, 0 for none. */
    int exitCode() {
        if (unacceptedRisks() > 0) {
            return ExitCode.DIFF_RISKY;
        }
        return diffs.stream().anyMatch(StackDiff::differs) ? ExitCode.DIFF_CHANGES : ExitCode.OK;
    }

    String json() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode document = json.createObjectNode();
        document.put("exitCode", exitCode());
        ArrayNode acceptedIds = document.putArray("accepted");
        accepted.forEach(c -> acceptedIds.add(c.id()));
        ArrayNode stacks = document.putArray("stacks");
        for (StackDiff diff : diffs) {
            ObjectNode entry = stacks.addObject().put("stack", diff.stack()).put("status", diff.status().name().toLowerCase(Locale.ROOT))
                    .put("baseline", diff.baseline());
            DiffPrinter.putCounts(entry, diff);
            ObjectNode risks = entry.putObject("risks");
            diff.riskCounts().forEach((c, n) -> risks.put(c.id(), n));
            ArrayNode stackRisks = entry.putArray("stackRisks");
            diff.risks().stream().filter(f -> f.subject().equals(diff.stack()))
                    .forEach(f -> stackRisks.addObject().put("class", f.risk().riskClass().id()).put("reason", f.risk().reason()));
            DiffPrinter.putChanges(json, entry, diff);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(document);
    }

    /** The report as GitHub-flavoured Markdown of at most {@code limit} characters. */
    String markdown(int limit) {
        StringBuilder head = new StringBuilder();
        head.append(MARKER).append('\n');
        int risks = unacceptedRisks();
        long changed = diffs.stream().filter(StackDiff::differs).count();
        head.append("### voiceplane diff: ").append(risks > 0 ? "⚠️ " + risks + " risky change(s)"
                : changed > 0 ? "changes in " + changed + " stack(s), none risky" : "no changes").append("\n\n");
        head.append("| stack | status | create | change | delete | no-op | unchanged | risks |\n");
        head.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (StackDiff d : diffs) {
            List<String> counts = new ArrayList<>();
            d.riskCounts().forEach((c, n) -> counts.add(n + " " + c.id() + (accepted.contains(c) ? " (accepted)" : "")));
            head.append("| ").append(cell(d.stack())).append(" | ").append(d.status().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(d.count(ObjectChange.Type.CREATED)).append(" | ").append(d.count(ObjectChange.Type.CHANGED)).append(" | ")
                    .append(d.count(ObjectChange.Type.DELETED)).append(" | ").append(d.count(ObjectChange.Type.NOOP)).append(" | ")
                    .append(d.unchanged()).append(" | ").append(counts.isEmpty() ? "none" : String.join(", ", counts)).append(" |\n");
        }
        List<String> riskRows = new ArrayList<>();
        for (StackDiff d : diffs) {
            for (StackDiff.Flagged f : d.risks()) {
                riskRows.add("| " + cell(d.stack()) + " | " + f.risk().riskClass().id() + (accepted.contains(f.risk().riskClass()) ? " (accepted)" : "")
                        + " | " + cell(f.subject()) + " | " + cell(f.risk().reason()) + " |\n");
            }
        }
        StringBuilder out = new StringBuilder(head);
        List<String> cut = new ArrayList<>();
        int reserve = 600; // room for the note of what was cut
        if (!riskRows.isEmpty()) {
            out.append("\n| stack | risk | object | why |\n| --- | --- | --- | --- |\n");
            int shown = 0;
            for (String row : riskRows) {
                if (out.length() + row.length() > limit / 2) {
                    break;
                }
                out.append(row);
                shown++;
            }
            if (shown < riskRows.size()) {
                cut.add((riskRows.size() - shown) + " of " + riskRows.size() + " risk rows");
            }
        }
        out.append('\n');
        for (StackDiff d : diffs) {
            if (d.changes().isEmpty()) {
                continue;
            }
            String block = details(d);
            if (out.length() + block.length() + reserve > limit) {
                cut.add("the diff of " + d.stack() + " (" + d.changes().size() + " objects)");
                continue;
            }
            out.append(block);
        }
        if (!cut.isEmpty()) {
            String note = "\n> **Cut to fit GitHub's " + limit + "-character comment limit:** " + String.join("; ", cut)
                    + ". The job log has the whole diff (`voiceplane diff` without `--output markdown`).\n";
            if (out.length() + note.length() > limit) {
                out.setLength(Math.max(0, limit - note.length()));
            }
            out.append(note);
        }
        return out.toString();
    }

    private static String details(StackDiff d) {
        StringBuilder body = new StringBuilder();
        for (ObjectChange c : d.changes()) {
            c.diff().forEach(line -> body.append(line).append('\n'));
        }
        String fence = fence(body);
        return "<details><summary>" + html(d.stack()) + ": " + html(d.summary()) + "</summary>\n\n" + fence + "diff\n" + body + fence
                + "\n</details>\n\n";
    }

    /** A code fence longer than any run of backticks in {@code body}, so a diff can never close it early. */
    private static String fence(CharSequence body) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < body.length(); i++) {
            run = body.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String cell(String text) {
        return html(text).replace("|", "\\|").replace("\n", " ");
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
