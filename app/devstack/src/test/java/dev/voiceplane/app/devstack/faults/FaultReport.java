package dev.voiceplane.app.devstack.faults;

import java.util.ArrayList;
import java.util.List;

/** What the fault suite saw: per fault, what the caller saw and what was lost; per abuse case, the answer. */
final class FaultReport {

    record Row(String section, String what, String callerSaw, String lost, boolean ok) {
    }

    private final List<Row> rows = new ArrayList<>();

    void fault(String fault, String callerSaw, String lost, boolean ok) {
        rows.add(new Row("fault", fault, callerSaw, lost, ok));
    }

    void abuse(String attempt, String answer, boolean ok) {
        rows.add(new Row("abuse", attempt, answer, "", ok));
    }

    boolean allOk() {
        return rows.stream().allMatch(Row::ok);
    }

    List<Row> failures() {
        return rows.stream().filter(r -> !r.ok()).toList();
    }

    String render() {
        StringBuilder out = new StringBuilder("voiceplane fault and abuse suite\n\n");
        out.append("FAULTS\n");
        for (Row row : rows) {
            if (row.section().equals("fault")) {
                out.append(row.ok() ? "  ok    " : "  FAIL  ").append(row.what()).append('\n')
                        .append("        caller saw: ").append(row.callerSaw()).append('\n')
                        .append("        lost:       ").append(row.lost()).append('\n');
            }
        }
        out.append("\nABUSE\n");
        for (Row row : rows) {
            if (row.section().equals("abuse")) {
                out.append(row.ok() ? "  ok    " : "  FAIL  ").append(row.what()).append(" -> ").append(row.callerSaw()).append('\n');
            }
        }
        return out.toString();
    }
}
