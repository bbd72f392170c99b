package dev.voiceplane.validate;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The report for a person: per target, findings grouped by rule (schema, object policy, cross-object),
 * each with its file:line, object, field and a one-line fix; then the waived findings with their
 * reasons, then notes. Colour comes from the caller's painter (none off a terminal).
 */
public final class TextReport {
    private final BinaryOperator<String> paint;

    /** @param paint SGR code and text to painted text (identity when colour is off) */
    public TextReport(BinaryOperator<String> paint) {
        this.paint = paint;
    }

    public void write(List<Report> reports, PrintWriter out) {
        for (Report r : reports) {
            out.println(paint.apply("1", r.target()) + ": " + r.objects() + " objects, " + r.open().size() + " finding(s), "
                    + r.waived().size() + " waived");
            Map<RuleSpec, List<Finding>> byRule = group(r.open());
            byRule.forEach((rule, findings) -> {
                out.println("  " + paint.apply(rule.severity() == Severity.ERROR ? "31" : "33", rule.id()) + " (" + rule.severity().sarifLevel()
                        + ", " + rule.layer().title() + "): " + rule.title());
                for (Finding f : findings) {
                    out.println("    " + where(f) + "  " + f.object().id() + (f.path().isEmpty() ? "" : "  " + f.path()));
                    out.println("      " + f.message());
                    out.println("      " + paint.apply("36", "fix: ") + f.fix());
                    f.stackLine().ifPresent(s -> out.println("      " + paint.apply("2", "from " + s.file() + ":" + s.line() + " (" + s.key() + ")")));
                }
            });
            if (!r.waived().isEmpty()) {
                out.println("  " + paint.apply("2", "waived:"));
                for (Finding f : r.waived()) {
                    out.println("    " + f.rule().id() + "  " + where(f) + "  " + f.object().id() + ": " + f.message());
                    out.println("      " + paint.apply("2", "allowed because: " + f.waiver().orElseThrow().reason()));
                }
            }
            for (String note : r.notes()) {
                out.println("  " + paint.apply("2", "note: ") + note);
            }
        }
        out.flush();
    }

    private static String where(Finding f) {
        return f.object().file().isEmpty() ? "(object)" : f.object().file() + (f.line() > 0 ? ":" + f.line() : "");
    }

    static Map<RuleSpec, List<Finding>> group(List<Finding> findings) {
        Map<RuleSpec, List<Finding>> byRule = new LinkedHashMap<>();
        for (Finding f : findings) {
            byRule.computeIfAbsent(f.rule(), k -> new java.util.ArrayList<>()).add(f);
        }
        return byRule;
    }
}
