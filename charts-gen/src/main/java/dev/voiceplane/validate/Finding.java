package dev.voiceplane.validate;

import java.util.Optional;

/**
 * One way an object breaks a rule.
 *
 * @param rule    the rule broken
 * @param object  the object, its file and line
 * @param path    JSON pointer of the field at fault, e.g. {@code /spec/template/spec/securityContext/seccompProfile};
 *                empty for the object as a whole
 * @param line    line of that field in {@link ObjectRef#file()} (the nearest existing parent when the field
 *                is missing); 0 when unknown
 * @param message what is wrong, naming values
 * @param fix     one line on how to fix it (the rule's own unless the finding knows better)
 * @param stackLine where in the stack file the cause is written; empty for {@code --dir} or when no key decides it
 * @param waiver  the waiver that accepts this finding, if any
 */
public record Finding(RuleSpec rule, ObjectRef object, String path, int line, String message, String fix,
                      Optional<StackLine> stackLine, Optional<Waiver> waiver) {

    public boolean waived() {
        return waiver.isPresent();
    }

    Finding waivedBy(Waiver w) {
        return new Finding(rule, object, path, line, message, fix, stackLine, Optional.of(w));
    }

    Finding tracedTo(StackLine where) {
        return new Finding(rule, object, path, line, message, fix, Optional.of(where), waiver);
    }

    /** A line in a stack file: where a finding's cause was written. */
    public record StackLine(String file, String key, int line) {
    }
}
