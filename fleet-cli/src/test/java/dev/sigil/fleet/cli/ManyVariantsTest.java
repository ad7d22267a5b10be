package dev.sigil.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sigil.fleet.core.heartbeat.HeartbeatState;
import dev.sigil.fleet.db.FanOut;
import dev.sigil.fleet.db.SchemaMigrator;
import dev.sigil.fleet.config.fleet.DatabaseTarget;
import dev.sigil.fleet.config.fleet.FleetFile;
import dev.sigil.fleet.config.fleet.Secret;
import dev.sigil.fleet.watch.FleetWatch;
import dev.sigil.fleet.discord.DiscordWebhookAlerter;
import dev.sigil.fleet.pg.PostgresServer;
import dev.sigil.fleet.db.DeadServers;
import dev.sigil.fleet.testkit.PostgresFixture;
import dev.sigil.fleet.testkit.TestDatabase;
import dev.sigil.fleet.testkit.TestFleetFile;
import dev.sigil.fleet.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hundred variant databases and five that cannot be reached — refused, two silent servers, two black holes —
 * spread through the fleet file. Every command and the monitor report every variant, correctly and in the fleet
 * file's order, and contact the databases concurrently: the five dead ones alone cost about one login timeout
 * (1.5 s), where one after another the four that hang cost at least 4 × 1.5 s = 6 s. That bound is a property of
 * waiting, not of this machine's speed; how long a round over the whole fleet takes is a benchmark's figure
 * ({@code fleet bench}), only printed here.
 */
@ExtendWith(PostgresFixture.class)
class ManyVariantsTest {

    private static final int REACHABLE = 100;
    private static final List<String> DEAD = List.of("dead-refused", "dead-silent", "dead-black-hole", "dead-silent-2", "dead-black-hole-2");

    private static final List<String> copies = new ArrayList<>();
    private static final List<String> order = new ArrayList<>();
    private static DeadServers dead;
    private static Path fleet;

    @BeforeAll
    static void aHundredDatabasesAndFiveDeadOnes() throws Exception {
        TestDatabase template = TestPostgres.freshDatabase(ManyVariantsTest.class);
        new SchemaMigrator(new DatabaseTarget(template.jdbcUrl(), template.user(), Secret.none())).migrate();
        List<String> reachable = IntStream.range(0, REACHABLE).mapToObj(i -> String.format(Locale.ROOT, "v%03d", i)).toList();
        try (Connection connection = template.connect(); PreparedStatement beat = connection.prepareStatement(
                "INSERT INTO scanner_heartbeat (variant_id, last_scan_start, last_scan_end, updated_at) VALUES (?, now(), now(), now())")) {
            for (String variant : reachable) {
                beat.setString(1, variant);
                beat.addBatch();
            }
            beat.executeBatch();
        }
        PostgresServer server = TestPostgres.server();
        Map<String, TestDatabase> databases = new LinkedHashMap<>();
        try (Connection admin = server.connect("postgres"); Statement sql = admin.createStatement()) {
            for (String variant : reachable) {
                String name = template.name() + "_" + variant;
                sql.execute("CREATE DATABASE " + name + " TEMPLATE " + template.name() + " STRATEGY FILE_COPY");
                copies.add(name);
                databases.put(variant, new TestDatabase(name, server.jdbcUrl(name), template.user(), template.password()));
            }
        }
        // a database's first connection builds its catalog caches: do it here, so the figures are those of a running fleet
        FanOut.map(List.copyOf(databases.values()), database -> {
            try (Connection connection = database.connect()) {
                return connection.isValid(5);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        dead = DeadServers.start();
        List<String> deadUrls = List.of(dead.refusedUrl(), dead.silentUrl(), dead.blackHoleUrl(), dead.silentUrl(), dead.blackHoleUrl());
        TestFleetFile file = new TestFleetFile();
        for (int i = 0; i < REACHABLE; i++) {
            if (i % 20 == 0) {
                file.unreachable(DEAD.get(i / 20), deadUrls.get(i / 20));
                order.add(DEAD.get(i / 20));
            }
            file.variant(reachable.get(i), databases.get(reachable.get(i)));
            order.add(reachable.get(i));
        }
        fleet = file.writeTo(Files.createTempDirectory("many-variants").resolve("fleet.yaml"));
    }

    @AfterAll
    static void dropTheCopies() throws Exception {
        dead.close();
        try (Connection admin = TestPostgres.server().connect("postgres"); Statement sql = admin.createStatement()) {
            for (String name : copies) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    /** The time {@code work} took, in seconds, printed. */
    private static double seconds(String what, Runnable work) {
        long start = System.nanoTime();
        work.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %.2f s%n", what, seconds);
        return seconds;
    }

    /** One after another, the four dead databases that hang would cost at least this: the bound a concurrent round stays under. */
    private static final double SERIAL_SECONDS = 4 * DatabaseTarget.LOGIN_TIMEOUT.toMillis() / 1000.0;

    /**
     * Runs {@code command} over the five dead variants alone and asserts they were waited for together (under
     * {@link #SERIAL_SECONDS}: they cost waiting, not work, so a busy machine hardly moves the figure), then over the
     * whole fleet, printing how long that took, and returns the whole fleet's run.
     */
    private static CliRun deadOnesCostOneTimeout(String... command) {
        List<String> deadOnly = new ArrayList<>(List.of(command));
        DEAD.forEach(variant -> deadOnly.addAll(List.of("--variant", variant)));
        String name = "fleet " + String.join(" ", command).replaceAll(" --fleet .*", "");
        double deadSeconds = seconds(name + " over the " + DEAD.size() + " unreachable variant databases", () -> CliRun.of(deadOnly.toArray(String[]::new)));
        CliRun[] run = new CliRun[1];
        seconds(name + " over " + REACHABLE + " reachable + " + DEAD.size() + " unreachable variant databases", () -> run[0] = CliRun.of(command));
        assertThat(deadSeconds).as("the dead databases took %.2f s: one after another they take at least %.1f s", deadSeconds, SERIAL_SECONDS)
                .isLessThan(SERIAL_SECONDS);
        return run[0];
    }

    /** Every variant has a line, in the fleet file's order, and each line matches what it should say. */
    private static void everyVariantInOrder(String out, String reachableLine, String deadLine) {
        List<String> lines = out.lines().toList();
        int last = -1;
        for (String variant : order) {
            String pattern = "^\\W*" + variant + "\\s+" + (DEAD.contains(variant) ? deadLine : reachableLine) + ".*";
            int at = IntStream.range(0, lines.size()).filter(i -> lines.get(i).matches(pattern)).findFirst().orElse(-1);
            assertThat(at).as("%s: a line like %s in\n%s", variant, pattern, out).isGreaterThan(last);
            last = at;
        }
    }

    @Test
    void statusWaitsForTheDeadDatabasesOnceAndShowsEveryVariantInTheFleetFilesOrder() {
        CliRun run = deadOnesCostOneTimeout("status", "--fleet", fleet.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        everyVariantInOrder(run.out(), "yes\\s+-\\s+closed\\s+\\d+ s ago", "NO: .*");
        assertThat(run.out()).containsPattern("dead-refused +NO: Connection refused")
                .containsPattern("dead-silent +NO: Connection attempt timed out")
                .containsPattern("dead-black-hole +NO: Connection attempt timed out");
    }

    @Test
    void heartbeatCheckWaitsForTheDeadDatabasesOnceAndJudgesEveryVariant() {
        CliRun run = deadOnesCostOneTimeout("heartbeat", "check", "--fleet", fleet.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.UNREACHABLE);
        everyVariantInOrder(run.out(), "fresh\\s+last cycle ended", "unreachable\\s+Connection (refused|attempt timed out).*");
    }

    @Test
    void breakerStatusAndCompareAlsoWaitOnce() {
        CliRun breakers = deadOnesCostOneTimeout("breaker", "status", "--fleet", fleet.toString());
        CliRun compare = deadOnesCostOneTimeout("compare", "--fleet", fleet.toString());

        assertThat(breakers.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        everyVariantInOrder(breakers.out(), "closed", "unreachable\\s+Connection .*");
        assertThat(compare.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(compare.out()).contains("no sessions to compare");
        assertThat(compare.err().lines()).hasSize(DEAD.size()).allMatch(line -> line.startsWith("unreachable: dead-"));
    }

    @Test
    void aMonitorRoundWaitsForTheDeadDatabasesOnce() {
        DiscordWebhookAlerter logOnly = DiscordWebhookAlerter.of(Secret.fromEnv("SIGIL_TEST_NO_SUCH_WEBHOOK_VARIABLE"));
        try (FleetWatch monitor = new FleetWatch(FleetFile.load(fleet), logOnly, Clock.systemUTC(), "many", new SimpleMeterRegistry(),
                fleet.resolveSibling("monitor-unreachable.json"))) {
            List<List<FleetWatch.Observation>> rounds = new ArrayList<>();
            double dead = seconds("a monitor round over the " + DEAD.size() + " unreachable variant databases", () -> monitor.check(DEAD::contains));
            seconds("a monitor round over " + REACHABLE + " reachable + " + DEAD.size() + " unreachable variant databases", () -> rounds.add(monitor.check()));
            seconds("the next monitor round over the same", () -> rounds.add(monitor.check()));

            // as for the commands: the dead ones are waited for together
            assertThat(dead).as("the dead databases took %.2f s: one after another they take at least %.1f s", dead, SERIAL_SECONDS)
                    .isLessThan(SERIAL_SECONDS);
            for (List<FleetWatch.Observation> round : rounds) {
                assertThat(round).extracting(FleetWatch.Observation::variant).containsExactlyElementsOf(order);
                assertThat(round).allSatisfy(seen -> assertThat(seen.state()).as(seen.variant() + ": " + seen.summary())
                        .isEqualTo(DEAD.contains(seen.variant()) ? HeartbeatState.UNREACHABLE : HeartbeatState.FRESH));
            }
        }
    }
}
