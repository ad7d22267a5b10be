package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigil.fleet.testkit.FlappingMarket;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.RepoFiles;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards' backstop against a flapping source, at the shipped defaults, as a user meets it: a universe whose
 * directional drift flaps at the design's time scale (an episode every quarter hour) HALTs on the episode cap inside
 * one two-hour session of {@code fleet backtest}; and {@code fleet grid validate} refuses a config under which it could
 * not.
 */
@ExtendWith(PostgresFixture.class)
class GuardBackstopTest {

    private static final LocalDate FIRST = LocalDate.parse("2024-03-01");
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT",
            "AVAXUSDT", "LINKUSDT", "TSTUSDT");

    @Test
    void aDriftFlappingEveryQuarterHourHaltsOnTheEpisodeCapInsideOneSessionAtTheShippedDefaults(@TempDir Path data) throws Exception {
        // day 2, 10:00 to 12:00 UTC: one of the replay's two-hour sessions (the first begins after the 16-hour warm-up)
        FlappingMarket.write(data, 7, SYMBOLS, FIRST, 2, FlappingMarket.hours(FIRST, List.of(1), 10, 12));
        TestDatabase database = TestPostgres.freshDatabase(GuardBackstopTest.class);

        CliRun run = CliRun.of("backtest", "--variant", "baseline", "--data", data.toString(), "--overlays", RepoFiles.gridOverlays().toString(),
                "--db", database.jdbcUrl() + "?user=" + database.user(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("halts")).as(run.out()).isNotEmpty().allSatisfy(halt -> {
            assertThat(halt.get("reason").asText()).isEqualTo("degraded_episode_cap");
            assertThat(Instant.parse(halt.get("at").asText())).as("only while it flaps (the session after a HALT may HALT again)")
                    .isBetween(Instant.parse("2024-03-02T10:00:00Z"), Instant.parse("2024-03-02T12:00:00Z"));
        });
        Instant halted = Instant.parse(summary.get("halts").get(0).get("at").asText());
        assertThat(halted).as("within the first hour of the flapping: the fourth episode, inside the 10:00–12:00 session")
                .isBefore(Instant.parse("2024-03-02T11:00:00Z"));
        try (var connection = database.connect(); var rows = connection.createStatement().executeQuery(
                "SELECT market_start, detail FROM sessions s, notifications n WHERE s.end_reason = 'halt:degraded_episode_cap' AND n.kind = 'halt'"
                        + " ORDER BY s.id, n.id LIMIT 1")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getTimestamp(1).toInstant()).as("the session that halted began at 10:00").isEqualTo(Instant.parse("2024-03-02T10:00:00Z"));
            assertThat(rows.getString(2)).contains("directional_drift episodes=4");
        }
    }

    @Test
    void gridValidateRefusesAnOverlayUnderWhichAFlappingSourceCouldNeverReachTheCap(@TempDir Path dir) throws Exception {
        Path overlays = Files.createDirectories(dir.resolve("grid-overlays"));
        Files.copy(RepoFiles.gridOverlays().resolve("base.yaml"), overlays.resolve("base.yaml"));
        // the windows the design gave in ticks, kept as ticks of a one-minute loop: half an hour of window and of stability
        Files.writeString(overlays.resolve("slow.yaml"), "guard:\n  drift_window_seconds: 1800\n  recovery_stability_seconds_drift: 600\n");

        CliRun run = CliRun.of("grid", "validate", "--overlays", overlays.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_CONFIG);
        assertThat(run.out() + run.err()).contains("guard.max_degraded_episodes_per_source_per_session = 3: cannot be reached inside one session: "
                + "directional_drift flapping as fast as its windows, stability and cool-down allow needs 166 ticks of 60 s");
    }
}
