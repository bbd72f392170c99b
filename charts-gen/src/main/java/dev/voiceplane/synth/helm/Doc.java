package dev.voiceplane.synth.helm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** What a chart value means; becomes its {@code description} in values.schema.json. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Doc {
    String value();

    /** Whether the value may be left out; strings and primitives are required otherwise. */
    boolean optional() default false;
}
