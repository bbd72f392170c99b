package dev.voiceplane.app.devstack.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What the fault suite saw, one row per fault or abuse case: what was done, what the caller or client
 * saw, how many acknowledged items were lost (faults; the target is 0) and whether the case passed.
 * Rendered as one Markdown table in the order the cases ran, so it pastes into a closing note; only
 * the observed values (statuses, timings) change from run to run, never the rows or columns.
 */
final class FaultReport {

    /** One case. {@code lost} is empty for an abuse case (nothing is acknowledged there). */
    record Row(String id, String what, String done, String saw, OptionalInt lost, boolean ok) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** A fault: {@code lost} acknowledged items did not survive it. Passes only when its checks pass and nothing was lost. */
    void fault(String id, String what, String done, String saw, int lost, boolean ok) {
        rows.add(new Row(id, what, done, saw, OptionalInt.of(lost), ok && lost == 0));
    }

    void abuse(String id, String what, String done, String saw, boolean ok) {
        rows.add(new Row(id, what, done, saw, OptionalInt.empty(), ok));
    }

    /** A case that could not run to its end: it fails with what stopped it. */
    void broken(String id, String what, Throwable error) {
        rows.add(new Row(id, what, "did not finish", error.getClass().getSimpleName() + ": " + error.getMessage(), OptionalInt.empty(), false));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    List<Row> failures() {
        return rows.stream().filter(r -> !r.ok()).toList();
    }

    String render(long seconds) {
        StringBuilder out = new StringBuilder("## voiceplane fault and abuse suite\n\n");
        out.append("| # | case | what was done | what the caller saw | acknowledged lost | result |\n");
        out.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append("| ").append(row.id()).append(" | ").append(cell(row.what())).append(" | ").append(cell(row.done())).append(" | ")
                    .append(cell(row.saw())).append(" | ").append(row.lost().isPresent() ? Integer.toString(row.lost().getAsInt()) : "n/a")
                    .append(" | ").append(row.ok() ? "pass" : "**FAIL**").append(" |\n");
        }
        long faults = rows.stream().filter(r -> r.lost().isPresent()).count();
        // Per row, not summed: the last fault row checks everything again, so a loss shows there too.
        String lost = rows.stream().filter(r -> r.lost().orElse(0) > 0).map(r -> r.id() + " (" + r.lost().getAsInt() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        out.append('\n').append(rows.size() - failures().size()).append(" of ").append(rows.size()).append(" cases passed; ")
                .append(faults).append(" fault rows, acknowledged items lost in: ").append(lost.isEmpty() ? "none" : lost).append("; ")
                .append(seconds).append(" s.\n");
        return out.toString();
    }

    /** A table cell: no pipe or line break may end it early. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
