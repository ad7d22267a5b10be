package dev.sigil.fleet.core.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a config key means and which values it allows. Put on the components of the config records; the schema,
 * the validation messages and {@code fleet grid show} all read it from here.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

    /** One line for operators: what the key does, with its unit. */
    String value();

    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    /** The value must be strictly greater than {@link #min()}. */
    boolean minExclusive() default false;

    /** For strings and list elements: the only values allowed. */
    String[] oneOf() default {};

    /** For strings and list elements: a regular expression each must match. */
    String pattern() default "";

    /** For lists: the fewest elements allowed. */
    int minSize() default 0;
}
