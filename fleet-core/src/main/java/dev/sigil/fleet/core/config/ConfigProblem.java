package dev.sigil.fleet.core.config;

/**
 * One thing wrong with a config: where it came from (a file, or {@code --set}), the key path, the bad value and
 * what is allowed instead.
 */
public record ConfigProblem(String origin, String path, Object value, String problem) {

    @Override
    public String toString() {
        String shown = value == null ? "" : " = " + render(value);
        return origin + ": " + path + shown + ": " + problem;
    }

    static String render(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}
