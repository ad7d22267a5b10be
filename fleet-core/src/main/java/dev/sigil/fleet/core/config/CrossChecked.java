package dev.sigil.fleet.core.config;

import java.util.List;

/** A settings section with rules that tie several of its keys together. */
public interface CrossChecked {

    /**
     * The broken rules, each as (key name inside the section, message). Called only once every key of the
     * section has a valid value of its own.
     */
    List<CrossProblem> crossProblems();

    /** A broken rule, reported on {@code key} (the section's prefix is added by the resolver). */
    record CrossProblem(String key, Object value, String problem) {
    }
}
