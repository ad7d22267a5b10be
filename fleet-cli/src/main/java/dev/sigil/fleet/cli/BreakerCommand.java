package dev.sigil.fleet.cli;

import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.config.fleet.VariantTarget;
import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "breaker", mixinStandardHelpOptions = true,
        description = {
                "The per-variant circuit breaker (kill switch). Tripped by a HALT, the risk manager, the monitor (stale "
                        + "heartbeat) or a person; while tripped the runner stays up, watches the market and manages its exits, "
                        + "but makes no entries. Only a person resets it; the runner picks the reset up on its next cycle.",
                "Every trip and reset is recorded in circuit_breaker_events with who, when and why."},
        subcommands = {BreakerCommand.Status.class, BreakerCommand.Trip.class, BreakerCommand.Reset.class, CommandLine.HelpCommand.class})
final class BreakerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show every variant's breaker: state, why, since when and by whom, and the last reset. Exit 2 if a database is unreachable.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FleetOptions fleet;

        @Mixin
        OutputOptions output;

        @Override
        public Integer call() {
            List<Map<String, Object>> rows = FanOut.map(fleet.targets(), Status::row);
            boolean unreachable = rows.stream().anyMatch(row -> row.containsKey("error"));
            PrintWriter out = spec.commandLine().getOut();
            if (output.json()) {
                out.println(Json.write(rows));
            } else {
                out.println(Tables.render(List.of("variant", "breaker", "reason", "since", "by", "last reset", "reset by"), rows.stream()
                        .map(row -> List.of(text(row.get("variant")), text(row.get("state")),
                                text(row.containsKey("error") ? row.get("error") : row.get("reason")), when(row.get("tripped_at")),
                                text(row.get("tripped_by")), when(row.get("reset_at")), text(row.get("reset_by")))).toList()));
            }
            return unreachable ? ExitCodes.UNREACHABLE : ExitCodes.OK;
        }

        private static Map<String, Object> row(VariantTarget target) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", target.name());
            try (Connection connection = target.database().connect()) {
                BreakerStore.Status status = BreakerStore.status(connection, target.name());
                row.put("state", status.state());
                row.put("reason", status.reason());
                row.put("tripped_at", status.trippedAt());
                row.put("tripped_by", status.trippedBy());
                row.put("reset_at", status.resetAt());
                row.put("reset_by", status.resetBy());
                row.put("reset_reason", status.resetReason());
            } catch (Exception e) {
                row.put("state", "unreachable");
                row.put("error", Errors.brief(e));
            }
            return row;
        }
    }

    @Command(name = "trip", mixinStandardHelpOptions = true,
            description = "Trip a variant's breaker: its runner makes no new entries (exits go on) until someone resets it. Idempotent.")
    static final class Trip implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TargetOptions where;

        @Parameters(paramLabel = "VARIANT", description = "The variant to stop entering.")
        String variant;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded with your user name).")
        String reason;

        @Override
        public Integer call() throws Exception {
            VariantTarget target = where.target(variant);
            String actor = "operator:" + Operator.name();
            try (Connection connection = target.database().connect()) {
                boolean changed = BreakerStore.trip(connection, variant, reason, actor);
                spec.commandLine().getOut().println(changed
                        ? variant + ": circuit breaker tripped by " + actor + " (" + reason + "); the runner stops entering on its next cycle"
                        : variant + ": circuit breaker was already tripped; nothing changed");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Reset a tripped breaker: the runner resumes entries on its next cycle, with its risk limits re-based on the "
                    + "account as it stands. Idempotent; two resets at once record one event.")
    static final class Reset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TargetOptions where;

        @Parameters(paramLabel = "VARIANT", description = "The variant to let enter again.")
        String variant;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it is safe to resume (recorded with your user name).")
        String reason;

        @Override
        public Integer call() throws Exception {
            VariantTarget target = where.target(variant);
            String actor = Operator.name();
            try (Connection connection = target.database().connect()) {
                BreakerStore.Status before = BreakerStore.status(connection, variant);
                boolean changed = BreakerStore.reset(connection, variant, reason, actor);
                spec.commandLine().getOut().println(changed
                        ? variant + ": circuit breaker reset by " + actor + " (was tripped: " + before.reason() + " by " + before.trippedBy()
                                + "); the runner resumes entries on its next cycle"
                        : variant + ": circuit breaker was not tripped; nothing changed");
            }
            return ExitCodes.OK;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String when(Object value) {
        return value instanceof Instant instant ? instant.toString().replace("T", " ").replaceAll("\\.\\d+Z$", "Z") : "";
    }
}
