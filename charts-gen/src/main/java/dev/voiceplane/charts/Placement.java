package dev.voiceplane.charts;

import software.constructs.Construct;

/**
 * Where a construct that spans components puts each of its objects: a {@link Microservice}'s
 * ServiceAccount belongs with the configuration, its autoscalers with the autoscaling file. A stack
 * places them in its component charts ({@link ComponentCharts}); a construct built alone, as in a
 * test, keeps every object under itself ({@link #within}).
 */
@FunctionalInterface
public interface Placement {

    /** The scope objects of this component are created in. */
    Construct get(Component component);

    /** Every object under one scope, whatever its component. */
    static Placement within(Construct scope) {
        return component -> scope;
    }
}
