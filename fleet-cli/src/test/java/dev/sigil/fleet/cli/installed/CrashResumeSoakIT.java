package dev.sigil.fleet.cli.installed;

import static dev.sigil.fleet.cli.installed.InstalledFleetIT.freePort;
import static dev.sigil.fleet.cli.installed.InstalledFleetIT.rows;
import static dev.sigil.fleet.cli.installed.InstalledFleetIT.withUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.testkit.FlappingMarket;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash-only, proven: an installed runner replaying kline dumps on which the guards engage is killed with SIGKILL at
 * random moments — and twice in a row before its new session exists — and restarted each time, as systemd would. Its
 * database must end up exactly as after an uninterrupted run of the same data and config: the same positions, shadow
 * exits, signals, snapshots, protections, breaker, guard and risk state, the same session boundaries, no duplicate
 * row, and a resume point that never went back. A crash is not a session boundary.
 */
class CrashResumeSoakIT {

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT",
            "AVAXUSDT", "LINKUSDT", "TSTUSDT");
    private static final int DAYS = 8;
    private static final int KILLS = 20;
    /** Paced so the soak's kills land all along the data; the uninterrupted reference runs unpaced. */
    private static final String PACE = "500";

    @Test
    void killedAtRandomAndRestartedTheRunnerEndsExactlyWhereAnUninterruptedRunEnds(@TempDir Path data) throws Exception {
        writeDumps(data);
        InstalledFleet fleet = InstalledFleet.stage();
        TestDatabase reference = migrated(fleet);
        TestDatabase soaked = migrated(fleet);

        long started = System.nanoTime();
        try (InstalledFleet.Service runner = fleet.start("sigil-runner@.service", "baseline", environment(fleet, reference, data, "0"))) {
            assertThat(runner.awaitExit(180)).as(runner.output()).isZero();
        }
        System.out.printf("soak: the uninterrupted run took %.1f s%n", (System.nanoTime() - started) / 1e9);
        started = System.nanoTime();
        assertThat(rows(reference, "SELECT end_reason FROM sessions ORDER BY id")).as("2-hour sessions on the candles' clock, and HALTs")
                .endsWith("replay_exhausted").containsOnly("duration_elapsed", "halt:degraded_episode_cap", "replay_exhausted")
                .contains("halt:degraded_episode_cap");
        assertThat(Long.parseLong(rows(reference, "SELECT count(*)::text FROM signals WHERE reject_reason LIKE 'mode_%'").getFirst()))
                .as("the guards engage: a crash must not reset them").isPositive();
        assertThat(rows(reference, "SELECT count(*)::text FROM positions")).as("the data trades").isNotEqualTo(List.of("0"));
        assertThat(rows(reference, "SELECT count(*)::text FROM shadow_exits WHERE status = 'closed'"))
                .as("every entry is shadowed under the grid's other stop").isNotEqualTo(List.of("0"));

        Random random = new Random(20261201);
        List<String> resumePoints = new ArrayList<>();
        int kills = 0;
        int killsBeforeSession = 0;
        long continued = 0;
        int attempts = 0;
        while (kills < KILLS) {
            attempts++;
            boolean beforeSession = kills >= 4 && killsBeforeSession < 2;
            try (InstalledFleet.Service runner = fleet.start("sigil-runner@.service", "baseline", environment(fleet, soaked, data, PACE))) {
                long pid = runner.process().pid();
                if (beforeSession) {
                    awaitLockHeld(soaked, runner);
                } else {
                    awaitSession(soaked, runner, pid);
                    Thread.sleep(50 + random.nextInt(1200));
                }
                assertThat(runner.process().isAlive()).as("the replay must outlast the kills; make the data longer:\n" + runner.output()).isTrue();
                runner.kill();
                continued += runner.output().lines().filter(line -> line.contains(" continues session ")).count();
                boolean sessionExisted = !rows(soaked, "SELECT id FROM sessions WHERE pid = " + pid).isEmpty();
                if (beforeSession && !sessionExisted) {
                    killsBeforeSession++;
                }
                kills++;
            }
            resumePoints.add(rows(soaked, "SELECT coalesce(max(resume_after)::text, '') FROM scan_progress").getFirst());
            assertThat(attempts).as("kills before a session exists keep missing their moment").isLessThan(KILLS + 20);
        }
        try (InstalledFleet.Service runner = fleet.start("sigil-runner@.service", "baseline", environment(fleet, soaked, data, "0"))) {
            assertThat(runner.awaitExit(180)).as(runner.output()).isZero();
            assertThat(runner.output()).contains("resuming after");
            continued += runner.output().lines().filter(line -> line.contains(" continues session ")).count();
        }
        assertThat(continued).as("restarts that went on with the session a kill interrupted (its span, ticks and guards)")
                .isGreaterThanOrEqualTo((KILLS - 2) / 2);

        System.out.printf("soak: %d kills and the final run took %.1f s%n", kills, (System.nanoTime() - started) / 1e9);
        assertThat(killsBeforeSession).as("two kills in a row before the new session existed").isEqualTo(2);
        List<String> nonEmpty = resumePoints.stream().filter(point -> !point.isEmpty()).toList();
        assertThat(nonEmpty).as("the resume point never goes back").isSorted().hasSizeGreaterThan(KILLS / 2);
        assertThat(nonEmpty.getLast()).as("the kills landed before the end of the data").isLessThan(lastCandle(reference));

        for (String table : List.of(
                "SELECT symbol, status, entry_time, entry_price, qty, entry_fee, stop_price, trail_stop_price, atr_at_entry, highest_price,"
                        + " exit_time, exit_price, exit_fee, exit_reason, realized_pnl FROM positions ORDER BY symbol, entry_time",
                "SELECT symbol, candle_time, strategy, accepted, reject_reason, price, atr, detail FROM signals ORDER BY symbol, candle_time",
                "SELECT at, equity, realized_pnl, open_positions FROM equity_snapshots ORDER BY at",
                // position ids may differ (a killed replay leaves reserved ids unused): a shadow is known by its entry
                "SELECT p.symbol, p.entry_time, s.exit_config, s.exit_settings, s.status, s.stop_price, s.highest_price, s.trail_stop_price,"
                        + " s.exit_time, s.exit_price, s.exit_fee, s.exit_reason, s.realized_pnl"
                        + " FROM shadow_exits s JOIN positions p ON p.id = s.position_id ORDER BY p.symbol, p.entry_time, s.exit_config",
                "SELECT symbol, expires_at, ban_until, violation_count, created_at FROM symbol_protections ORDER BY symbol",
                "SELECT variant_id, state, reason, tripped_by FROM circuit_breaker ORDER BY variant_id",
                "SELECT event, reason, actor FROM circuit_breaker_events ORDER BY id",
                // the guards' whole state, the risk state and the session's clock; not the ids and first candles of the rows
                "SELECT key, value FROM engine_state WHERE key NOT IN ('session.id', 'session.market_start') ORDER BY key",
                // where each session that was not cut by a kill ended: the boundaries an uninterrupted run has
                "SELECT end_reason, market_end FROM sessions WHERE end_reason <> 'aborted' ORDER BY id",
                "SELECT resume_after, market_data FROM scan_progress",
                "SELECT newest_candle_time FROM scanner_heartbeat")) {
            assertThat(table(soaked, table)).as(table).isEqualTo(table(reference, table));
        }
        assertThat(rows(soaked, "SELECT count(*)::text FROM sessions WHERE ended_at IS NULL")).as("every session ended").containsExactly("0");
        assertThat(rows(soaked, "SELECT count(*)::text FROM sessions WHERE end_reason = 'aborted' AND market_start IS NOT NULL AND market_end IS NULL"))
                .as("an aborted session keeps the span its last checkpoint made durable").containsExactly("0");
        assertThat(Long.parseLong(rows(soaked, "SELECT count(*)::text FROM sessions WHERE end_reason = 'aborted' AND market_end IS NOT NULL").getFirst()))
                .isPositive();
        long aborted = Long.parseLong(rows(soaked, "SELECT count(*)::text FROM sessions WHERE end_reason = 'aborted'").getFirst());
        assertThat(aborted).as("each kill after a session existed left one session to close as aborted (none if it fell between "
                + "two sessions)").isBetween((long) (KILLS - killsBeforeSession) / 2, (long) (KILLS - killsBeforeSession));
        System.out.printf("soak: %d kills (%d before a session existed, %d sessions continued), %d positions, %d shadow exits, %d signals "
                        + "(%s refused by a guard), %d snapshots, %d HALTs identical to the uninterrupted run%n", kills, killsBeforeSession, continued,
                count(reference, "positions"), count(reference, "shadow_exits"), count(reference, "signals"),
                rows(reference, "SELECT count(*)::text FROM signals WHERE reject_reason LIKE 'mode_%'").getFirst(), count(reference, "equity_snapshots"),
                Long.parseLong(rows(reference, "SELECT count(*)::text FROM sessions WHERE end_reason LIKE 'halt:%'").getFirst()));
    }

    private static TestDatabase migrated(InstalledFleet fleet) throws Exception {
        TestDatabase database = TestPostgres.freshDatabase(CrashResumeSoakIT.class);
        InstalledFleet.Result migrate = fleet.fleet(Map.of("SIGIL_DB_PASSWORD", password(database)), "migrate", "--db", withUser(database));
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        return database;
    }

    private static Map<String, String> environment(InstalledFleet fleet, TestDatabase database, Path data, String pace) throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SIGIL_DB_URL", database.jdbcUrl());
        environment.put("SIGIL_DB_USER", database.user());
        environment.put("SIGIL_DB_PASSWORD", password(database));
        environment.put("SIGIL_RUNNER_PORT", Integer.toString(freePort()));
        environment.put("SIGIL_OVERLAYS", fleet.path("/etc/sigil/grid-overlays").toString());
        environment.put("SIGIL_RUNNER_MARKET", "replay");
        environment.put("SIGIL_RUNNER_DATA", data.toString());
        environment.put("SIGIL_RUNNER_REPLAY_TICKS_PER_SECOND", pace);
        // as a backtest runs: a HALT's breaker is reset at the next session, so the replay trades on through the flapping
        environment.put("SIGIL_RUNNER_RESUME_AFTER_HALT", "true");
        return environment;
    }

    private static String password(TestDatabase database) {
        return database.password() == null ? "" : database.password();
    }

    private static void awaitLockHeld(TestDatabase database, InstalledFleet.Service runner) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!rows(database, "SELECT pid FROM pg_stat_activity WHERE application_name = 'sigil-runner baseline'").isEmpty()) {
                return;
            }
            assertThat(runner.process().isAlive()).as(runner.output()).isTrue();
            Thread.sleep(2);
        }
        throw new AssertionError("the runner never took its lock:\n" + runner.output());
    }

    private static void awaitSession(TestDatabase database, InstalledFleet.Service runner, long pid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!rows(database, "SELECT id FROM sessions WHERE pid = " + pid).isEmpty()) {
                return;
            }
            assertThat(runner.process().isAlive()).as(runner.output()).isTrue();
            Thread.sleep(20);
        }
        throw new AssertionError("no session started:\n" + runner.output());
    }

    private static String lastCandle(TestDatabase database) throws Exception {
        return rows(database, "SELECT max(resume_after)::text FROM scan_progress").getFirst();
    }

    private static List<String> table(TestDatabase database, String query) throws Exception {
        List<String> lines = new ArrayList<>();
        try (var connection = database.connect(); var sql = connection.createStatement(); var result = sql.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder line = new StringBuilder();
                for (int column = 1; column <= columns; column++) {
                    line.append(column == 1 ? "" : " | ").append(result.getString(column));
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static long count(TestDatabase database, String table) throws Exception {
        return Long.parseLong(rows(database, "SELECT count(*)::text FROM " + table).getFirst());
    }

    /**
     * Ten symbols of one-minute candles from the seeded synthetic market, in daily zips as data.binance.vision names them,
     * with the guards engaged: on the 2nd, 4th and 6th day the universe's drift flaps every quarter hour from 10:00 to
     * 12:00 (a HALT on the episode cap each time), on the 3rd and 5th from 14:00 to 14:30 (two episodes, recovered).
     */
    private static void writeDumps(Path dir) throws Exception {
        LocalDate first = LocalDate.parse("2024-03-01");
        java.util.function.Predicate<Instant> halting = FlappingMarket.hours(first, List.of(1, 3, 5), 10, 12);
        java.util.function.Predicate<Instant> recovering = FlappingMarket.hours(first, List.of(2, 4), 14, 15)
                .and(at -> at.atZone(java.time.ZoneOffset.UTC).getMinute() < 30);
        FlappingMarket.write(dir, 7, SYMBOLS, first, DAYS, halting.or(recovering));
    }
}
