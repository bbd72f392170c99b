package dev.voiceplane.validate;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a rule is, independent of how it checks: what the registry lists, the README table shows and
 * SARIF's {@code tool.driver.rules} carries.
 *
 * @param id       short kebab-case id, also the waiver annotation's suffix ({@code voiceplane.dev/allowed-because.<id>})
 * @param severity how bad a finding is
 * @param layer    schema, object policy or cross-object
 * @param title    one line: what the rule asks for
 * @param fix      one line: how to fix a finding
 * @param helpUri  the documentation the rule encodes
 * @param stackKey the stack-file key that usually decides the finding (e.g. {@code voiceplane:quota}),
 *                 shown as the finding's related location; empty when none does
 */
public record RuleSpec(String id, Severity severity, Layer layer, String title, String fix, String helpUri, String stackKey) {
    /** Ids fit the annotation name after {@code allowed-because.}: 63 - 16 characters. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,45}[a-z0-9])?");

    public RuleSpec {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id '" + id + "' must be kebab-case, at most 47 characters");
        }
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(fix, "fix");
        Objects.requireNonNull(helpUri, "helpUri");
        Objects.requireNonNull(stackKey, "stackKey");
    }

    public static RuleSpec of(String id, Severity severity, Layer layer, String title, String fix, String helpUri) {
        return new RuleSpec(id, severity, layer, title, fix, helpUri, "");
    }

    /** The same rule, its findings traced back to a stack-file key. */
    public RuleSpec decidedBy(String key) {
        return new RuleSpec(id, severity, layer, title, fix, helpUri, key);
    }
}
