package dev.sigil.fleet.cli.installed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.cli.Directories;
import dev.sigil.fleet.testkit.KlineDumps;
import dev.sigil.fleet.testkit.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The installed {@code fleet local-db start}: the embedded database outlives the command that started it, a backtest after
 * it uses it and leaves it running, and {@code fleet local-db stop} ends it.
 */
class LocalDbStartIT {

    private static final Pattern STARTED = Pattern.compile("(started|already running): pid (\\d+), (jdbc:postgresql://localhost:\\d+/postgres)");

    @Test
    void theDatabaseStartedOutlivesTheCommandUntilStopped() throws Exception {
        InstalledFleet fleet = InstalledFleet.stage();
        Path home = Files.createTempDirectory("sigil-home-");
        Map<String, String> environment = Map.of("SIGIL_HOME", home.toString());
        try {
            InstalledFleet.Result start = fleet.fleet(environment, "local-db", "start");
            assertThat(start.exitCode()).as(start.output()).isZero();
            Matcher started = STARTED.matcher(start.output());
            assertThat(started.find()).as(start.output()).isTrue();
            assertThat(started.group(1)).isEqualTo("started");
            assertThat(ProcessHandle.of(Long.parseLong(started.group(2))).map(ProcessHandle::isAlive)).as("the server, after the command ended").contains(true);
            try (Connection connection = DriverManager.getConnection(started.group(3), "postgres", null);
                 ResultSet row = connection.createStatement().executeQuery("SELECT current_setting('data_directory')")) {
                row.next();
                assertThat(Path.of(row.getString(1)).toRealPath()).isEqualTo(home.resolve("pg").toRealPath());
            }

            // a backtest uses the running server and leaves it running
            Path data = Files.createDirectories(home.resolve("klines"));
            KlineDumps.syntheticDays(data, 7, List.of("SOLUSDT"), List.of("2024-01-01", "2024-01-02"));
            InstalledFleet.Result backtest = fleet.fleet(environment, "backtest", "--variant", "baseline", "--data", data.toString(),
                    "--overlays", RepoFiles.gridOverlays().toString());
            assertThat(backtest.exitCode()).as(backtest.output()).isZero();
            assertThat(backtest.output()).contains("using the embedded PostgreSQL running on " + home.resolve("pg") + " (it stays running)")
                    .contains("session ").contains("ended replay_exhausted");
            assertThat(ProcessHandle.of(Long.parseLong(started.group(2))).map(ProcessHandle::isAlive)).as("the server, after the backtest").contains(true);

            InstalledFleet.Result again = fleet.fleet(environment, "local-db", "start");
            assertThat(again.exitCode()).isZero();
            assertThat(again.output()).contains("already running: pid " + started.group(2));
            assertThat(fleet.fleet(environment, "local-db", "status").output()).contains("running: pid " + started.group(2));

            InstalledFleet.Result stop = fleet.fleet(environment, "local-db", "stop");
            assertThat(stop.exitCode()).isZero();
            assertThat(stop.output()).contains("stopped");
            assertThat(fleet.fleet(environment, "local-db", "status").output()).contains("not running");
        } finally {
            fleet.fleet(environment, "local-db", "stop");
            Directories.deleteTree(home);
        }
    }
}
