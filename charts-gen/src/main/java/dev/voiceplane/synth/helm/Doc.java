package dev.voiceplane.synth.helm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a chart value means and what it may be: its {@code description} in values.schema.json, its
 * {@code # --} comment in values.yaml and its row in the chart's README, plus the constraints
 * {@link ValuesSchema} turns into JSON Schema keywords.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {
    String value();

    /**
     * Whether the chart uses the value when it is set although the stack's defaults leave it out.
     * A component that is {@code null} in the defaults and not optional is left out of the schema,
     * because nothing in the templates would read it (a value accepted and ignored is a lie).
     */
    boolean optional() default false;

    /** A regular expression (RE2 and ECMA-262 alike, so no look-around) every string must match; none by default. */
    String pattern() default "";

    /** A string the value must never be (e.g. {@code latest}); none by default. */
    String not() default "";

    /** For a string: a plain non-negative number is accepted too (Kubernetes quantities: {@code cpu: 2}); false by default. */
    boolean orNumber() default false;

    /** The smallest integer allowed; none by default. */
    long minimum() default Long.MIN_VALUE;

    /** The largest integer allowed; none by default. */
    long maximum() default Long.MAX_VALUE;

    /**
     * For a {@code Map}: its keys are exactly the defaults' keys, each required, none other allowed
     * (services, feature flags). Open maps (labels, annotations) take any key.
     */
    boolean closed() default false;
}
