package dev.voiceplane.validate;

import java.util.Map;
import java.util.Optional;

/**
 * A stack file's keys and their lines, for tracing a finding to the key that caused it.
 *
 * @param file  the stack file as reports show it, e.g. {@code stacks/Pulumi.local.yaml}
 * @param lines JSON pointer of each key to its line
 */
public record StackFileLines(String file, Map<String, Integer> lines) {
    public StackFileLines {
        lines = Map.copyOf(lines);
    }

    /** Reads the stack file's text (already checked by the stack parser). */
    public static StackFileLines read(String file, String text) {
        var docs = YamlDocuments.read(file, text);
        return new StackFileLines(file, docs.isEmpty() ? Map.of() : docs.get(0).lines());
    }

    /** The line of {@code config: <key>:}, when the file writes the key (a default has no line). */
    public Optional<Finding.StackLine> lineOf(String key) {
        Integer line = lines.get("/config/" + YamlDocuments.segment(key));
        return line == null ? Optional.empty() : Optional.of(new Finding.StackLine(file, key, line));
    }
}
