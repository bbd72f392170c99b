package dev.voiceplane.validate;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What validate found in one target (a stack, or a directory): every finding, waived ones included,
 * in report order (layer, severity, rule, file, line).
 *
 * @param target    the stack name, or the directory
 * @param stackFile the stack file, relative like the object files; empty for {@code --dir}
 * @param objects   how many objects were checked
 * @param findings  every finding, waived or not
 * @param notes     facts worth reading beside the findings (e.g. quota headroom at HPA maximum)
 */
public record Report(String target, Optional<String> stackFile, int objects, List<Finding> findings, List<String> notes) {
    static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.rule().layer())
            .thenComparing(f -> f.rule().severity())
            .thenComparing(f -> f.rule().id())
            .thenComparing(f -> f.object().file())
            .thenComparingInt(Finding::line)
            .thenComparing(f -> f.object().id())
            .thenComparing(Finding::path)
            .thenComparing(Finding::message);

    public Report {
        findings = findings.stream().sorted(ORDER).toList();
        notes = List.copyOf(notes);
    }

    /** Findings no waiver accepts: these fail validate. */
    public List<Finding> open() {
        return findings.stream().filter(f -> !f.waived()).toList();
    }

    public List<Finding> waived() {
        return findings.stream().filter(Finding::waived).toList();
    }

    public boolean clean() {
        return open().isEmpty();
    }
}
