package dev.voiceplane.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects what one rule finds, filling in the rule, the object's location and the default fix. */
public final class Findings {
    private final RuleSpec rule;
    private final List<Found> found = new ArrayList<>();

    /** A finding and the object it is about (whose annotations may waive it). */
    record Found(Source source, Finding finding) {
    }

    Findings(RuleSpec rule) {
        this.rule = rule;
    }

    /** The object breaks the rule at {@code path} (a JSON pointer; "" for the whole object). */
    public void add(Source object, String path, String message) {
        add(object, path, message, rule.fix());
    }

    public void add(Source object, String path, String message, String fix) {
        found.add(new Found(object, new Finding(rule, object.ref(), path, object.lineOf(path), message, fix, Optional.empty(), Optional.empty())));
    }

    List<Found> list() {
        return found;
    }
}
