package dev.sigil.fleet.cli;

import dev.sigil.fleet.config.fleet.VariantTarget;
import dev.sigil.fleet.db.pause.PauseStore;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "End a variant's pause now: the monitor watches it again from its next check (a variant still down is alerted, "
                + "and its breaker tripped, as usual). Idempotent.")
final class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions where;

    @Parameters(paramLabel = "VARIANT", description = "The variant to watch again.")
    String variant;

    @Override
    public Integer call() throws Exception {
        VariantTarget target = where.target(variant);
        try (Connection connection = target.database().connect()) {
            Optional<PauseStore.Pause> ended = PauseStore.resume(connection, variant, Instant.now());
            spec.commandLine().getOut().println(ended.map(pause -> variant + ": pause ended (it was set by " + pause.by() + " until " + pause.until()
                    + ": " + pause.reason() + "); the monitor watches it again").orElse(variant + ": was not paused; nothing changed"));
        }
        return ExitCodes.OK;
    }
}
