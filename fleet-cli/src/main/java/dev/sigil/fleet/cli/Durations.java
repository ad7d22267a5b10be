package dev.sigil.fleet.cli;

import java.time.Duration;

/** Durations on the command line. */
final class Durations {

    private Durations() {
    }

    /** A duration as people type it (90s, 25m, 2h, 1d), for {@code option}. */
    static Duration parse(String option, String text) {
        var match = java.util.regex.Pattern.compile("(\\d+)\\s*(s|m|h|d)").matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!match.matches()) {
            throw new IllegalArgumentException(option + " takes a duration like 90s, 25m, 2h or 1d, not '" + text + "'");
        }
        long amount = Long.parseLong(match.group(1));
        return switch (match.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
