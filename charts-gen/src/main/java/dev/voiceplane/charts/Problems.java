package dev.voiceplane.charts;

import java.util.List;
import software.constructs.Construct;
import software.constructs.IValidation;

/**
 * How a construct reports what is wrong with its props or its neighbours: as a cdk8s validation on
 * its node, so synth lists every problem of the whole tree at once, each prefixed with the
 * construct's path ({@code [core-services/user-management] ...}), before anything is written
 * (cdk8s-core {@code App.synth}: validate, then render). A construct still builds what it can; the
 * validation stops synthesis.
 *
 * <p>Messages name the bad value and say how to fix it.
 */
public final class Problems {
    private Problems() {
    }

    /**
     * Registers the problems found at construction. Props are immutable, so they are found once; a
     * valid construct registers nothing and costs synth no call back into Java.
     */
    public static void report(Construct construct, List<String> problems) {
        if (!problems.isEmpty()) {
            List<String> found = List.copyOf(problems);
            construct.getNode().addValidation(() -> found);
        }
    }

    /**
     * Registers a rule checked when synth validates the tree, for rules about other constructs that
     * may be added after this one.
     */
    public static void check(Construct construct, IValidation rule) {
        construct.getNode().addValidation(rule);
    }
}
