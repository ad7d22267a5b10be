package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.session.EndReason;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An overlay change reaches a running runner at its next session: {@code fleet grid apply} while a replay runs, and
 * the sessions after it record and use the new value; an overlay broken while it runs keeps the last good config,
 * and {@code fleet status} says so.
 */
class OverlayAtNextSessionTest {

    @Test
    void gridApplyToARunningRunnerIsUsedFromTheNextSessionAndABrokenOverlayKeepsTheLastGoodConfig(@TempDir Path dir) throws Exception {
        Path overlays = Files.createDirectories(dir.resolve("grid-overlays"));
        try (Stream<Path> files = Files.list(RepoFiles.gridOverlays())) {
            for (Path file : files.toList()) {
                Files.copy(file, overlays.resolve(file.getFileName()));
            }
        }
        TestDatabase database = TestPostgres.freshDatabase(OverlayAtNextSessionTest.class);
        DatabaseTarget target = new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none());
        new SchemaMigrator(target).migrate();
        Path fleetFile = new TestFleetFile().variant("baseline", database).writeTo(dir.resolve("fleet.yaml"));

        CompletableFuture<Void> replay;
        try (RunnerLauncher launcher = new RunnerLauncher(target, Map.of("variant", "baseline", "overlays", overlays.toString(),
                "market", "synthetic", "synthetic-steps", 3_000, "duration-seconds", 3_600, "replay-ticks-per-second", 100))) {
            replay = CompletableFuture.runAsync(() -> {
                try {
                    launcher.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitRows(database, "SELECT id FROM sessions", 1);
            CliRun apply = CliRun.of("grid", "apply", "baseline", "exit.hard_stop_multiplier=2.0", "--overlays", overlays.toString());
            assertThat(apply.exitCode()).as(apply.toString()).isZero();
            awaitRows(database, "SELECT id FROM sessions WHERE config_json->'exit'->>'hard_stop_multiplier' = '2.0'", 1);

            Files.writeString(overlays.resolve("baseline.yaml"), "exit:\n  hard_stop_multiplier: -5\n");
            int sessionsSoFar = rows(database, "SELECT id FROM sessions").size();
            awaitRows(database, "SELECT id FROM sessions", sessionsSoFar + 2);
            CliRun status = CliRun.of("status", "--fleet", fleetFile.toString(), "--json");
            launcher.runner().requestStop(EndReason.SIGNAL_TERM);
            replay.join();

            List<String> multipliers = rows(database, "SELECT config_json->'exit'->>'hard_stop_multiplier' FROM sessions ORDER BY id");
            assertThat(multipliers.getFirst()).isEqualTo("1.5");
            assertThat(multipliers.getLast()).as("the broken overlay is not used: the last good config runs on").isEqualTo("2.0");
            assertThat(String.join(",", multipliers)).as("1.5 until the apply, 2.0 from the next session on").matches("(1\\.5,)+(2\\.0,?)+");
            assertThat(rows(database, "SELECT value FROM engine_state WHERE key = 'config.overlay_problem'")).singleElement()
                    .asString().startsWith("overlay invalid:").contains("exit.hard_stop_multiplier").contains("-5");
            assertThat(status.out()).contains("\"overlay_problem\"").contains("overlay invalid");
            assertThat(CliRun.of("status", "--fleet", fleetFile.toString()).out()).contains("(overlay invalid)");
        }
    }

    private static void awaitRows(TestDatabase database, String query, int atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (rows(database, query).size() >= atLeast) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + atLeast + " rows of " + query);
    }

    private static List<String> rows(TestDatabase database, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); ResultSet result = connection.createStatement().executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
