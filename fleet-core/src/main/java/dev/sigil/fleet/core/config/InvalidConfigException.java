package dev.sigil.fleet.core.config;

import java.util.List;

/** A config that must not be used, with every problem found in it (not just the first). */
public final class InvalidConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder("invalid config (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):");
        for (ConfigProblem problem : problems) {
            text.append("\n  - ").append(problem);
        }
        return text.toString();
    }
}
