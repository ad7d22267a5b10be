package dev.sigil.fleet.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.db.breaker.BreakerStore;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import dev.sigil.fleet.discord.FakeDiscordServer;
import dev.sigil.fleet.testkit.CapturedLogs;
import dev.sigil.fleet.testkit.MutableClock;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import dev.sigil.fleet.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor against four real variant databases and one that cannot be reached, with a clock moved by hand.
 * Heartbeats are written the way a runner writes them; alerts go to the fake Discord, which enforces Discord's limits.
 */
@ExtendWith(PostgresFixture.class)
class FleetWatchTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<String> VARIANTS = List.of("baseline", "moderate", "aggressive", "unhinged");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final Map<String, DatabaseTarget> databases = new LinkedHashMap<>();
    private FakeDiscordServer discord;
    private FleetFile fleet;
    private Path webhookFile;
    private Instant candle = T0.minusSeconds(60);
    private final List<FleetWatch> monitors = new java.util.ArrayList<>();

    @BeforeEach
    void fleet() throws Exception {
        fleet = fleet("monitor:\n  check_interval_seconds: 300\n  stale_after_seconds: 1500\n  data_stale_after_seconds: 900\n  realert_minutes: 60\n  flap_threshold: 3\n");
        discord = FakeDiscordServer.start(message -> { });
        webhookFile = Files.writeString(dir.resolve("webhook"), discord.webhookUrl().toString());
        Files.setPosixFilePermissions(webhookFile, PosixFilePermissions.fromString("rw-------"));
    }

    private FleetFile fleet(String monitorSection) throws Exception {
        TestFleetFile file = new TestFleetFile();
        for (String variant : VARIANTS) {
            TestDatabase database = TestPostgres.freshDatabase(FleetWatchTest.class);
            DatabaseTarget target = new DatabaseTarget(database.jdbcUrl(), database.user(), Secret.none());
            new SchemaMigrator(target).migrate();
            databases.put(variant, target);
            file.variant(variant, database);
        }
        return FleetFile.load(file.unreachable("offline").sections(monitorSection).writeTo(dir.resolve("fleet-" + System.nanoTime() + ".yaml")));
    }

    @AfterEach
    void stop() {
        monitors.forEach(FleetWatch::close);
        discord.close();
    }

    private FleetWatch monitor(String id) {
        return monitor(id, webhookFile);
    }

    private FleetWatch monitor(String id, Path webhook) {
        DiscordWebhookAlerter alerter = new DiscordWebhookAlerter(Secret.fromFile(webhook), DiscordWebhookAlerter.Settings.defaults(),
                HttpClient.newHttpClient(), Clock.systemUTC(), duration -> Thread.sleep(duration));
        FleetWatch monitor = new FleetWatch(fleet, alerter, clock, id, new SimpleMeterRegistry(), dir.resolve("unreachable.json"));
        monitors.add(monitor);
        return monitor;
    }

    /** A monitor posting to {@code url} (written to a 0600 file, as an operator would). */
    private FleetWatch monitorPostingTo(String id, String url) throws Exception {
        Path file = Files.writeString(dir.resolve("webhook-" + id), url);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return monitor(id, file);
    }

    private List<String> breakerEvents(String variant) throws Exception {
        try (Connection connection = databases.get(variant).connect()) {
            return BreakerStore.events(connection, variant, 20).stream().map(event -> event.event() + " by " + event.actor()).toList().reversed();
        }
    }

    /** Every variant but {@code silent} ends a cycle now, with a newer candle. */
    private void runnersBeat(String... silent) throws Exception {
        candle = candle.plusSeconds(60);
        for (String variant : VARIANTS) {
            if (!List.of(silent).contains(variant)) {
                beat(variant, clock.instant().minusSeconds(2), candle);
            }
        }
    }

    private void beat(String variant, Instant end, Instant newestCandle) throws Exception {
        try (Connection connection = databases.get(variant).connect(); PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO scanner_heartbeat (variant_id, last_scan_start, last_scan_end, updated_at, newest_candle_time, candles_processed, host, pid)
                VALUES (?, ?, ?, ?, ?, 10, 'lxc-' || ?, 4242)
                ON CONFLICT (variant_id) DO UPDATE SET last_scan_start = EXCLUDED.last_scan_start, last_scan_end = EXCLUDED.last_scan_end,
                    updated_at = EXCLUDED.updated_at, newest_candle_time = EXCLUDED.newest_candle_time""")) {
            upsert.setString(1, variant);
            upsert.setTimestamp(2, Timestamp.from(end.minusSeconds(1)));
            upsert.setTimestamp(3, Timestamp.from(end));
            upsert.setTimestamp(4, Timestamp.from(end));
            upsert.setTimestamp(5, Timestamp.from(newestCandle));
            upsert.setString(6, variant);
            upsert.executeUpdate();
        }
    }

    private List<String> messagesAbout(String variant) {
        return discord.received().stream().map(FakeDiscordServer.Received::text).filter(text -> text.contains(variant + " ")
                || text.contains(variant + ":")).toList();
    }

    private BreakerStore.Status breaker(String variant) throws Exception {
        try (Connection connection = databases.get(variant).connect()) {
            return BreakerStore.status(connection, variant);
        }
    }

    private List<FleetWatch.Observation> checkEvery(FleetWatch monitor, int checks, String... silent) throws Exception {
        List<FleetWatch.Observation> last = List.of();
        for (int i = 0; i < checks; i++) {
            clock.advance(Duration.ofSeconds(300));
            runnersBeat(silent);
            last = monitor.check();
        }
        return last;
    }

    /** The backends serving {@code variant}'s database to the monitor, seen from another connection. */
    private List<Integer> monitorBackends(String variant) throws Exception {
        try (Connection connection = databases.get(variant).connect(); var sql = connection.createStatement();
             var rows = sql.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            List<Integer> pids = new java.util.ArrayList<>();
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
            return pids;
        }
    }

    @Test
    void roundsReuseOneConnectionPerDatabaseAndOneKilledBetweenRoundsIsReplacedWithoutAFalseAlarm() throws Exception {
        FleetWatch monitor = monitor("monitor-a");
        runnersBeat();
        monitor.check();
        List<Integer> first = monitorBackends("baseline");
        runnersBeat();
        monitor.check();
        assertThat(monitorBackends("baseline")).as("the same server process served the second round").hasSize(1).isEqualTo(first);

        // the database restarts under the monitor (its connection is ended by the server)
        try (Connection admin = databases.get("baseline").connect(); var sql = admin.createStatement()) {
            sql.execute("SELECT pg_terminate_backend(" + first.getFirst() + ")");
        }
        runnersBeat();
        assertThat(monitor.check()).extracting(FleetWatch.Observation::state)
                .containsExactly(HeartbeatState.FRESH, HeartbeatState.FRESH, HeartbeatState.FRESH, HeartbeatState.FRESH, HeartbeatState.UNREACHABLE);
        assertThat(monitorBackends("baseline")).hasSize(1).doesNotContainAnyElementsOf(first);

        monitor.close();
        assertThat(monitorBackends("baseline")).as("closed with the monitor").isEmpty();
    }

    @Test
    void stoppedScannerIsDetectedWithinOneIntervalAlertedOnceRemindedHourlyRecoveredOnceAndItsBreakerStaysTripped() throws Exception {
        FleetWatch monitor = monitor("monitor-a");
        runnersBeat();
        assertThat(monitor.check()).extracting(FleetWatch.Observation::state)
                .containsExactly(HeartbeatState.FRESH, HeartbeatState.FRESH, HeartbeatState.FRESH, HeartbeatState.FRESH, HeartbeatState.UNREACHABLE);
        Instant stoppedAt = clock.instant();

        // moderate's scanner stops; the others keep beating. Stale after 1500 s: the check at +1500 s sees it
        checkEvery(monitor, 4, "moderate");
        assertThat(messagesAbout("moderate")).isEmpty();
        List<FleetWatch.Observation> detected = checkEvery(monitor, 1, "moderate");
        assertThat(Duration.between(stoppedAt, clock.instant())).isEqualTo(Duration.ofSeconds(1500));
        assertThat(detected.get(1)).satisfies(seen -> {
            assertThat(seen.state()).isEqualTo(HeartbeatState.STALE);
            assertThat(seen.actions()).containsExactly("incident opened", "breaker tripped", "alerted");
        });
        assertThat(detected.get(0).state()).as("the others are still checked").isEqualTo(HeartbeatState.FRESH);
        assertThat(breaker("moderate")).satisfies(status -> {
            assertThat(status.tripped()).isTrue();
            assertThat(status.reason()).isEqualTo("stale_heartbeat");
            assertThat(status.trippedBy()).isEqualTo("monitor");
        });
        assertThat(messagesAbout("moderate")).singleElement().asString().startsWith("⚠ moderate: scanner stale: no scan cycle has ended for 25 min")
                .contains("host lxc-moderate pid 4242");

        // a monitor restart mid-incident sends nothing twice
        monitor.close();
        monitor = monitor("monitor-a-restarted");
        checkEvery(monitor, 11, "moderate");
        assertThat(messagesAbout("moderate")).hasSize(1);
        checkEvery(monitor, 1, "moderate");
        assertThat(messagesAbout("moderate")).as("a reminder after 60 minutes").hasSize(2).last().asString()
                .startsWith("⏰ moderate still stale (reminder 1)");
        checkEvery(monitor, 3, "moderate");
        assertThat(messagesAbout("moderate")).hasSize(2);

        // the scanner comes back: one recovery notice, the breaker stays tripped until a person resets it
        List<FleetWatch.Observation> back = checkEvery(monitor, 1);
        checkEvery(monitor, 3);
        assertThat(back.get(1).actions()).containsExactly("incident closed", "recovery notified");
        assertThat(messagesAbout("moderate")).hasSize(3).last().asString().startsWith("✅ moderate recovered after 1 h 45 min");
        assertThat(breaker("moderate").tripped()).isTrue();
        try (Connection connection = databases.get("moderate").connect()) {
            BreakerStore.reset(connection, "moderate", "scanner restarted", "alice");
        }
        checkEvery(monitor, 2);
        assertThat(breaker("moderate").tripped()).as("not re-tripped once fresh").isFalse();
        monitor.close();
    }

    @Test
    void withABrokenWebhookTheBreakerIsTrippedOncePerIncidentAndAPersonsResetHolds() throws Exception {
        // Discord answers 404 Unknown Webhook: no alert is ever delivered, so "no alert yet" must not mean "trip again"
        FleetWatch monitor = monitorPostingTo("monitor-e", discord.webhookUrl().toString().replace("fake-token", "revoked-token"));
        runnersBeat();
        monitor.check();

        List<FleetWatch.Observation> detected = checkEvery(monitor, 5, "moderate");
        assertThat(detected.get(1).state()).isEqualTo(HeartbeatState.STALE);
        assertThat(detected.get(1).actions()).containsExactly("incident opened", "breaker tripped", "alert failed");
        assertThat(breaker("moderate").tripped()).isTrue();

        try (Connection connection = databases.get("moderate").connect()) {
            BreakerStore.reset(connection, "moderate", "I know, the runner is being upgraded", "alice");
        }
        List<FleetWatch.Observation> later = checkEvery(monitor, 6, "moderate");
        assertThat(later.get(1).state()).as("still stale: the same incident").isEqualTo(HeartbeatState.STALE);
        assertThat(later.get(1).actions()).containsExactly("alert failed");
        assertThat(breaker("moderate").tripped()).as("the person's reset holds for this incident").isFalse();
        monitor.close();
        FleetWatch restarted = monitorPostingTo("monitor-e-restarted", discord.webhookUrl().toString().replace("fake-token", "revoked-token"));
        checkEvery(restarted, 2, "moderate");
        assertThat(breaker("moderate").tripped()).as("also after a monitor restart").isFalse();

        // the runner comes back (the incident closes), then stops again two hours later: a new incident trips again
        checkEvery(restarted, 1);
        checkEvery(restarted, 24);
        checkEvery(restarted, 6, "moderate");
        assertThat(breaker("moderate").tripped()).as("a new incident").isTrue();
        assertThat(breakerEvents("moderate")).containsExactly("trip by monitor", "reset by alice", "trip by monitor");
        assertThat(discord.statuses()).as("the broken webhook was tried once, then left alone").containsOnly(404).hasSize(2);
        restarted.close();
    }

    @Test
    void aMalformedWebhookUrlNeitherHidesTheVariantsStateNorLeaksTheToken() throws Exception {
        String token = "Xy9-secret token<with-characters-a-URI-rejects";
        try (CapturedLogs logs = CapturedLogs.start()) {
            FleetWatch monitor = monitorPostingTo("monitor-f", discord.webhookUrl().toString().replace("fake-token-for-local-use", token));
            runnersBeat();
            monitor.check();

            List<FleetWatch.Observation> seen = checkEvery(monitor, 5, "moderate");
            checkEvery(monitor, 13, "moderate");

            assertThat(seen).extracting(FleetWatch.Observation::state)
                    .containsExactly(HeartbeatState.FRESH, HeartbeatState.STALE, HeartbeatState.FRESH, HeartbeatState.FRESH, HeartbeatState.UNREACHABLE);
            assertThat(seen.get(1).actions()).containsExactly("incident opened", "breaker tripped", "alert failed");
            assertThat(seen.get(4).summary()).startsWith("database unreachable: ").contains("127.0.0.1:1");
            assertThat(breaker("moderate").tripped()).isTrue();
            assertThat(logs.lines()).anyMatch(line -> line.contains("is invalid: illegal character in path at index"))
                    .noneMatch(line -> line.contains("Xy9-secret"));
            assertThat(seen).noneMatch(observation -> observation.summary().contains("Xy9-secret"));
            assertThat(Files.readString(dir.resolve("unreachable.json"))).contains("offline").doesNotContain("Xy9-secret");
            monitor.close();
        }
        assertThat(discord.statuses()).isEmpty();
    }

    @Test
    void unreachableDatabaseIsReportedAsSuchRemindedAndNotDuplicatedAcrossARestart() throws Exception {
        FleetWatch monitor = monitor("monitor-b");
        runnersBeat();
        List<FleetWatch.Observation> first = monitor.check();
        assertThat(first.get(4)).satisfies(seen -> {
            assertThat(seen.state()).isEqualTo(HeartbeatState.UNREACHABLE);
            assertThat(seen.summary()).contains("database unreachable").contains("127.0.0.1:1");
        });
        monitor.close();
        monitor = monitor("monitor-b-restarted");
        checkEvery(monitor, 11);
        assertThat(messagesAbout("offline")).singleElement().asString().startsWith("⚠ offline: database unreachable");
        checkEvery(monitor, 1);
        assertThat(messagesAbout("offline")).hasSize(2).last().asString().startsWith("⏰ offline database still unreachable (reminder 1)");
        monitor.close();
    }

    @Test
    void twoMonitorsRacingOnOneIncidentSendOneAlert() throws Exception {
        FleetWatch one = monitor("monitor-one");
        FleetWatch two = monitor("monitor-two");
        runnersBeat();
        clock.advance(Duration.ofSeconds(1600));
        runnersBeat("unhinged");

        CompletableFuture<List<FleetWatch.Observation>> a = CompletableFuture.supplyAsync(one::check);
        CompletableFuture<List<FleetWatch.Observation>> b = CompletableFuture.supplyAsync(two::check);
        a.get();
        b.get();

        assertThat(messagesAbout("unhinged")).hasSize(1);
        try (Connection connection = databases.get("unhinged").connect()) {
            assertThat(BreakerStore.events(connection, "unhinged", 10)).as("one trip event").hasSize(1);
        }
        one.close();
        two.close();
    }

    @Test
    void freshHeartbeatOverAStillCandleIsDataStalledAndAlertedLikeAStaleScanner() throws Exception {
        FleetWatch monitor = monitor("monitor-c");
        Instant frozen = candle;
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(300));
            runnersBeat();
            beat("aggressive", clock.instant().minusSeconds(2), frozen);
            monitor.check();
        }
        assertThat(messagesAbout("aggressive")).singleElement().asString().startsWith("⚠ aggressive: market data stalled")
                .contains("has not moved for 20 min");
        assertThat(breaker("aggressive").reason()).isEqualTo("data_stalled");
        monitor.close();
    }

    @Test
    void aVariantThatFlapsIsReportedOnceAsFlappingNotPerTransition() throws Exception {
        databases.clear();
        fleet = fleet("monitor:\n  check_interval_seconds: 10\n  stale_after_seconds: 60\n  realert_minutes: 60\n  flap_threshold: 3\n");
        FleetWatch monitor = monitor("monitor-d");
        runnersBeat();
        monitor.check();
        for (int flap = 0; flap < 6; flap++) {
            clock.advance(Duration.ofSeconds(70));
            runnersBeat("baseline");
            monitor.check();
            clock.advance(Duration.ofSeconds(10));
            runnersBeat();
            monitor.check();
        }

        List<String> messages = messagesAbout("baseline");
        assertThat(messages.stream().filter(text -> text.startsWith("⚠ baseline: scanner stale"))).as("the first three incidents").hasSize(3);
        assertThat(messages.stream().filter(text -> text.startsWith("✅ baseline recovered"))).hasSize(3);
        assertThat(messages.stream().filter(text -> text.startsWith("🔁 baseline is flapping")))
                .as("then one report for the hour, not one per transition").singleElement().asString().contains("4 incidents in the last hour");
        assertThat(messages).hasSize(7);
        monitor.close();
    }

    private void sessionEnded(String variant, Instant endedAt, String reason) throws Exception {
        try (Connection connection = databases.get(variant).connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO sessions (variant_id, started_at, ended_at, end_reason, duration_limit_s, config_hash, config_json, market_data)
                VALUES (?, ?, ?, ?, 7200, 'h', '{}', 'binance')""")) {
            insert.setString(1, variant);
            insert.setTimestamp(2, Timestamp.from(endedAt.minusSeconds(3600)));
            insert.setTimestamp(3, Timestamp.from(endedAt));
            insert.setString(4, reason);
            insert.executeUpdate();
        }
    }

    @Test
    void aRunnerStoppedCleanlyIsStoppedNotStaleWithOneNoticeBetweenTwoMonitorsAndNoTrip() throws Exception {
        FleetWatch first = monitor("monitor-a");
        FleetWatch second = monitor("monitor-b");
        checkEvery(first, 1);
        sessionEnded("moderate", clock.instant(), "signal_term");

        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(300));
            runnersBeat("moderate");
            first.check();
            assertThat(second.check()).filteredOn(seen -> seen.variant().equals("moderate")).singleElement()
                    .satisfies(seen -> assertThat(seen.state()).isEqualTo(HeartbeatState.STOPPED));
        }

        assertThat(messagesAbout("moderate")).singleElement().satisfies(text -> assertThat(text).contains("moderate stopped")
                .contains("(signal_term); no runner holds its lock"));
        assertThat(breakerEvents("moderate")).isEmpty();
    }

    @Test
    void aCleanEndWhileARunnerHoldsTheLockIsNotAStopSoSilenceIsStale() throws Exception {
        FleetWatch monitor = monitor("monitor-a");
        checkEvery(monitor, 1);
        sessionEnded("moderate", clock.instant(), "duration_elapsed");
        long key = dev.sigil.fleet.db.AdvisoryKeys.instance("moderate");
        try (Connection holder = databases.get("moderate").connect(); PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, key);
            lock.execute();

            List<FleetWatch.Observation> seen = checkEvery(monitor, 6, "moderate");

            assertThat(seen).filteredOn(observation -> observation.variant().equals("moderate")).singleElement()
                    .satisfies(observation -> assertThat(observation.state()).isEqualTo(HeartbeatState.STALE));
            assertThat(breakerEvents("moderate")).containsExactly("trip by monitor");
        }
    }

    @Test
    void aPausedVariantIsNeitherAlertedNorTrippedUntilItsPauseEndsThenAsUsual() throws Exception {
        FleetWatch monitor = monitor("monitor-a");
        checkEvery(monitor, 1);
        try (Connection connection = databases.get("aggressive").connect()) {
            dev.sigil.fleet.db.pause.PauseStore.pause(connection, "aggressive", clock.instant(), clock.instant().plus(Duration.ofMinutes(60)),
                    "ops@lab", "moving the container");
        }

        List<FleetWatch.Observation> paused = checkEvery(monitor, 10, "aggressive");

        assertThat(paused).filteredOn(seen -> seen.variant().equals("aggressive")).singleElement().satisfies(seen -> {
            assertThat(seen.state()).isEqualTo(HeartbeatState.STALE);
            assertThat(seen.summary()).contains("(paused until ").contains("by ops@lab: moving the container)");
            assertThat(seen.actions()).isEmpty();
        });
        assertThat(messagesAbout("aggressive")).isEmpty();
        assertThat(breakerEvents("aggressive")).isEmpty();

        checkEvery(monitor, 2, "aggressive");

        assertThat(messagesAbout("aggressive")).singleElement().satisfies(text -> assertThat(text).contains("aggressive: scanner stale"));
        assertThat(breakerEvents("aggressive")).containsExactly("trip by monitor");
    }

    @Test
    void haltsRiskTripsAPersonsResetAndACrashRestartAreToldOnceBetweenTwoMonitorsAndNotWhilePaused() throws Exception {
        FleetWatch first = monitor("monitor-a");
        FleetWatch second = monitor("monitor-b");
        checkEvery(first, 1);
        try (Connection connection = databases.get("baseline").connect()) {
            BreakerStore.trip(connection, "baseline", "halt:degraded_episode_cap", "runner");
            BreakerStore.reset(connection, "baseline", "feed fixed", "ops@lab");
            BreakerStore.trip(connection, "baseline", "max_drawdown", "risk_manager");
        }

        runnersBeat();
        List<FleetWatch.Observation> seen = first.check();
        second.check();

        assertThat(seen).filteredOn(observation -> observation.variant().equals("baseline")).singleElement()
                .satisfies(observation -> assertThat(observation.actions()).containsExactly("halt told", "breaker_reset told", "risk_trip told"));
        assertThat(messagesAbout("baseline")).hasSize(3).satisfiesExactly(
                halt -> assertThat(halt).contains("baseline: HALT (halt:degraded_episode_cap)").contains("the guards halted the runner"),
                reset -> assertThat(reset).contains("baseline: circuit breaker reset by ops@lab").contains("feed fixed"),
                risk -> assertThat(risk).contains("baseline: risk limit reached (max_drawdown)"));

        try (Connection connection = databases.get("unhinged").connect()) {
            dev.sigil.fleet.db.pause.PauseStore.pause(connection, "unhinged", clock.instant(), clock.instant().plus(Duration.ofHours(1)), "ops@lab", "upgrade");
            BreakerStore.trip(connection, "unhinged", "upgrading", "operator:ops@lab");
        }
        runnersBeat();
        assertThat(first.check()).filteredOn(observation -> observation.variant().equals("unhinged")).singleElement()
                .satisfies(observation -> assertThat(observation.actions()).containsExactly("breaker_trip not told (paused)"));
        assertThat(messagesAbout("unhinged")).isEmpty();
    }

    @Test
    void theDailyDigestGoesOutOnceADayBetweenTwoMonitorsFromItsTime() throws Exception {
        DiscordWebhookAlerter alerter = new DiscordWebhookAlerter(Secret.fromFile(webhookFile), DiscordWebhookAlerter.Settings.defaults(),
                HttpClient.newHttpClient(), Clock.systemUTC(), duration -> Thread.sleep(duration));
        DigestSender first = new DigestSender(fleet, alerter, clock, "monitor-a");
        DigestSender second = new DigestSender(fleet, alerter, clock, "monitor-b");
        runnersBeat();
        try (Connection connection = databases.get("baseline").connect()) {
            BreakerStore.trip(connection, "baseline", "max_drawdown", "risk_manager");
        }

        assertThat(first.sendIfDue()).contains("digest of 2026-03-02: delivered");
        assertThat(second.sendIfDue()).isEmpty();
        clock.advance(Duration.ofHours(10));
        assertThat(first.sendIfDue()).isEmpty();

        List<String> digests = discord.received().stream().map(FakeDiscordServer.Received::text).filter(text -> text.contains("Sigil fleet digest")).toList();
        assertThat(digests).singleElement().satisfies(text -> assertThat(text).contains("24 h to 2026-03-02 09:00 UTC")
                .contains("no trades · - · breaker tripped (max_drawdown) · heartbeat fresh").contains("database unreachable")
                .contains("D1 exit.hard_stop_multiplier"));

        clock.advance(Duration.ofHours(14));
        runnersBeat();
        assertThat(second.sendIfDue()).contains("digest of 2026-03-03: delivered");
    }
}
