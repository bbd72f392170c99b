package dev.voiceplane.validate;

import java.util.List;

/** The rules as a Markdown table (README) or plain lines: generated from the registry, never written by hand. */
public final class RuleTable {
    private RuleTable() {
    }

    public static String markdown(List<RuleSpec> rules) {
        StringBuilder out = new StringBuilder("| rule | layer | severity | what it checks | fix | reference |\n| --- | --- | --- | --- | --- | --- |\n");
        for (RuleSpec r : rules) {
            out.append("| `").append(r.id()).append("` | ").append(r.layer().title()).append(" | ").append(r.severity().sarifLevel()).append(" | ")
                    .append(escape(r.title())).append(" | ").append(escape(r.fix())).append(" | [docs](").append(r.helpUri()).append(") |\n");
        }
        return out.toString();
    }

    public static String text(List<RuleSpec> rules) {
        StringBuilder out = new StringBuilder();
        for (RuleSpec r : rules) {
            out.append(String.format("%-28s %-13s %-7s %s%n", r.id(), r.layer().title(), r.severity().sarifLevel(), r.title()));
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
