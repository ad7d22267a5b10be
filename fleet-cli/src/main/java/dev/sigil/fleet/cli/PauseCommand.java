package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.db.pause.PauseStore;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Silence a variant for maintenance: while paused, the monitor and the timer's probe open no incident, trip no "
                + "breaker and send nothing for it. The pause is kept in the variant's database with who and why, shown by "
                + "'fleet status', and ends by itself after --for (a variant still down then is alerted as usual); 'fleet resume' "
                + "ends it early. A runner stopped cleanly (systemctl stop) needs no pause: it shows as stopped, with one notice.",
                "Example: fleet pause moderate --for 2h --reason \"moving the LXC to the new host\""})
final class PauseCommand implements Callable<Integer> {

    /** The longest pause: a forgotten pause must not silence a variant for good. */
    static final Duration LONGEST = Duration.ofDays(7);

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions where;

    @Parameters(paramLabel = "VARIANT", description = "The variant to silence.")
    String variant;

    @Option(names = "--for", paramLabel = "DURATION", defaultValue = "2h", description = "How long: 90m, 2h, 1d ... at most 7d (default: ${DEFAULT-VALUE}).")
    String span;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded with your user name, shown in status).")
    String reason;

    @Override
    public Integer call() throws Exception {
        Duration length = Durations.parse("--for", span);
        if (length.isZero() || length.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("--for " + span + " is not between 1 s and 7 d");
        }
        VariantTarget target = where.target(variant);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = target.database().connect()) {
            PauseStore.Pause pause = PauseStore.pause(connection, variant, now, now.plus(length), Operator.name(), reason);
            spec.commandLine().getOut().println(variant + ": paused until " + pause.until() + " by " + pause.by() + " (" + reason
                    + "); no alert, no breaker trip until then. End it early with: fleet resume " + variant);
        }
        return ExitCodes.OK;
    }
}
