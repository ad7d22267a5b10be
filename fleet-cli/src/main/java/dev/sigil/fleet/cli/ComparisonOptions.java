package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.VariantTarget;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import picocli.CommandLine.Option;

/** Which sessions a comparison covers and what makes its arms: {@code --since}, {@code --until}, {@code --by}. */
final class ComparisonOptions {

    /** The key the shipped grid's arms differ in. */
    static final String DEFAULT_KEY = "exit.hard_stop_multiplier";

    @Option(names = "--since", paramLabel = "DATE", description = "Only sessions started on or after this UTC date (YYYY-MM-DD).")
    LocalDate since;

    @Option(names = "--until", paramLabel = "DATE", description = "Only sessions started before this UTC date (YYYY-MM-DD).")
    LocalDate until;

    @Option(names = "--by", paramLabel = "KEY", defaultValue = DEFAULT_KEY,
            description = "The config key whose value makes the arms (default: ${DEFAULT-VALUE}).")
    String by;

    /** The comparison of {@code targets} over the chosen sessions, arms by {@code --by}. */
    Comparison read(List<VariantTarget> targets) {
        checkKey("--by", by);
        Instant from = since == null ? Instant.EPOCH : since.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = until == null ? null : until.atStartOfDay(ZoneOffset.UTC).toInstant();
        return Comparison.of(targets, from, to, by);
    }

    /** Refuses what is not a config key ({@code section.key}), naming the option. */
    static String checkKey(String option, String key) {
        if (!key.matches("[a-z_]+\\.[a-z_]+")) {
            throw new IllegalArgumentException(option + " '" + key + "' is not a config key (section.key, e.g. " + DEFAULT_KEY + ")");
        }
        return key;
    }
}
