package dev.sigil.fleet.core.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One config key: its full path ({@code exit.hard_stop_multiplier}), its Java type and its {@link Setting}.
 * Turns a raw YAML value into a typed one, or says what is wrong with it.
 */
public record KeySpec(String path, RecordComponent component, Setting setting) {

    /** A typed value, or the problem that kept the raw value from becoming one. */
    public record Coerced(Object value, String problem) {
        static Coerced ok(Object value) {
            return new Coerced(value, null);
        }

        static Coerced bad(String problem) {
            return new Coerced(null, problem);
        }

        public boolean ok() {
            return problem == null;
        }
    }

    public Class<?> type() {
        return component.getType();
    }

    public String doc() {
        return setting.value();
    }

    public Coerced coerce(Object raw) {
        if (raw == null) {
            return Coerced.bad("has no value (allowed: " + allowed() + ")");
        }
        if (raw instanceof Map<?, ?>) {
            return Coerced.bad("is a section, but a value is expected here (allowed: " + allowed() + ")");
        }
        Class<?> type = type();
        if (type == double.class) {
            return number(raw).map(this::inRange).orElseGet(() -> Coerced.bad("is not a number (allowed: " + allowed() + ")"));
        }
        if (type == int.class) {
            var number = number(raw);
            if (number.isEmpty() || number.get() != Math.rint(number.get()) || Math.abs(number.get()) > Integer.MAX_VALUE) {
                return Coerced.bad("is not a whole number (allowed: " + allowed() + ")");
            }
            Coerced ranged = inRange(number.get());
            return ranged.ok() ? Coerced.ok(number.get().intValue()) : ranged;
        }
        if (type == boolean.class) {
            return raw instanceof Boolean flag ? Coerced.ok(flag) : Coerced.bad("is not true or false");
        }
        if (type == String.class) {
            if (!(raw instanceof String text)) {
                return Coerced.bad("is not text (allowed: " + allowed() + ")");
            }
            String problem = elementProblem(text);
            return problem == null ? Coerced.ok(text) : Coerced.bad(problem + " (allowed: " + allowed() + ")");
        }
        if (type == List.class) {
            if (!(raw instanceof List<?> items)) {
                return Coerced.bad("is not a list (allowed: " + allowed() + ")");
            }
            List<String> values = new ArrayList<>();
            for (Object item : items) {
                String problem = item instanceof String text ? elementProblem(text) : "holds " + ConfigProblem.render(item) + ", which is not text";
                if (problem != null) {
                    return Coerced.bad(problem + " (allowed: " + allowed() + ")");
                }
                values.add((String) item);
            }
            if (values.size() < setting.minSize()) {
                return Coerced.bad("has " + values.size() + " items (allowed: " + allowed() + ")");
            }
            if (values.stream().distinct().count() != values.size()) {
                return Coerced.bad("repeats an item (allowed: " + allowed() + ")");
            }
            return Coerced.ok(List.copyOf(values));
        }
        throw new IllegalStateException("unsupported config type " + type + " for " + path);
    }

    private static java.util.Optional<Double> number(Object raw) {
        if (raw instanceof Number number && !(raw instanceof Double d && !Double.isFinite(d))) {
            return java.util.Optional.of(number.doubleValue());
        }
        return java.util.Optional.empty();
    }

    private Coerced inRange(double value) {
        boolean low = setting.minExclusive() ? value <= setting.min() : value < setting.min();
        if (low || value > setting.max()) {
            return Coerced.bad("is out of range (allowed: " + allowed() + ")");
        }
        return Coerced.ok(value);
    }

    private String elementProblem(String text) {
        if (setting.oneOf().length > 0 && !Arrays.asList(setting.oneOf()).contains(text)) {
            return "'" + text + "' is not a known value";
        }
        if (!setting.pattern().isEmpty() && !text.matches(setting.pattern())) {
            return "'" + text + "' does not match " + setting.pattern();
        }
        return null;
    }

    /** The allowed values in words, e.g. {@code a number > 0 and ≤ 50}. */
    public String allowed() {
        Class<?> type = type();
        if (type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return setting.oneOf().length > 0 ? "one of " + String.join(", ", setting.oneOf()) : "text matching " + setting.pattern();
        }
        if (type == List.class) {
            String each = setting.oneOf().length > 0 ? "one of " + String.join(", ", setting.oneOf()) : "matching " + setting.pattern();
            return "a list of at least " + setting.minSize() + " distinct item" + (setting.minSize() == 1 ? "" : "s") + ", each " + each;
        }
        String kind = type == int.class ? "a whole number" : "a number";
        if (setting.minExclusive()) {
            return kind + " > " + format(setting.min()) + " and ≤ " + format(setting.max());
        }
        return kind + " from " + format(setting.min()) + " to " + format(setting.max());
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }

    static boolean isStringList(RecordComponent component) {
        return component.getType() == List.class
                && component.getGenericType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments()[0] == String.class;
    }
}
